import { AppError } from '../domain/errors';
import type { ConnectorDeps } from '../usecases/connectors/deps';
import { parseTarget } from '../usecases/connectors/parse-target';
import { selectConnectors } from '../usecases/connectors/select-connectors';
import { configView } from '../views/connectors/config-view';
import type { CommandSpec } from './command';

export interface ConfigArgs {
  name: string;
}

/** `/mm2 config <connector>`: the running config, redacted (secrets are provider references anyway). */
export function createConfigCommand(deps: ConnectorDeps): CommandSpec<ConfigArgs> {
  return {
    verb: 'config',
    role: 'viewer',
    usage: '/mm2 config <connector>',
    summary: 'The running config of a connector (redacted)',
    needs: ['connect'],
    parse(args) {
      const parsed = parseTarget(args, [], true);
      if (!parsed.ok) return parsed;
      if (parsed.args.target === 'all') return { ok: false, error: 'name one connector' };
      return { ok: true, args: { name: parsed.args.target ?? '' } };
    },
    async run(_ctx, args) {
      const { profile } = await deps.profile.load();
      const [selected] = selectConnectors(profile, args.name);
      if (!selected) throw new AppError('BAD_INPUT', `unknown connector ${args.name}`);
      const config = await deps.connect.getConfig(selected.name);
      return deps.redactor.value(
        configView(selected.name, config === undefined ? undefined : deps.redactor.value(config)),
      );
    },
  };
}
