import type { ConnectorDeps } from '../usecases/connectors/deps';
import { configView } from '../views/connectors/config-view';
import type { CommandSpec } from './command';
import { oneConnector, parseOneConnector } from './one-connector';

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
    parse: parseOneConnector,
    async run(_ctx, args) {
      const name = await oneConnector(deps, args.name);
      const config = await deps.connect.getConfig(name);
      // The config object itself is redacted here, where its keys still say which values are secret.
      return configView(name, config === undefined ? undefined : deps.redactor.value(config));
    },
  };
}
