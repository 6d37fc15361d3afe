import type { ConnectorDeps } from '../usecases/connectors/deps';
import { parseTarget } from '../usecases/connectors/parse-target';
import { statusOverview } from '../usecases/connectors/status-overview';
import { statusView } from '../views/connectors/status-view';
import type { CommandSpec } from './command';

export interface StatusArgs {
  target?: string;
}

/** `/mm2 status [connector]`: states, workers, counts, short traces. One Connect call. */
export function createStatusCommand(deps: ConnectorDeps): CommandSpec<StatusArgs> {
  return {
    verb: 'status',
    role: 'viewer',
    usage: '/mm2 status [connector]',
    summary: 'Connector and task states, workers, failed-task traces',
    parse(args) {
      const parsed = parseTarget(args, [], false);
      return parsed.ok ? { ok: true, args: { target: parsed.args.target } } : parsed;
    },
    async run(_ctx, args) {
      return statusView(await statusOverview(deps, args.target));
    },
  };
}
