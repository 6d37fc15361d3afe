import type { ConnectorDeps } from '../usecases/connectors/deps';
import {
  goalOf,
  lifecycleTargets,
  runLifecycle,
  type LifecycleAction,
} from '../usecases/connectors/lifecycle';
import { hasFailure } from '../usecases/connectors/connector-states';
import { parseTarget } from '../usecases/connectors/parse-target';
import { withAuditDetail } from '../views/connectors/audit-detail';
import { lifecyclePreviewView, lifecycleResultView } from '../views/connectors/lifecycle-views';
import type { CommandSpec } from './command';

export interface LifecycleArgs {
  target: string;
  failedOnly: boolean;
}

const SUMMARIES: Record<LifecycleAction, string> = {
  pause: 'Pause connectors (tasks stay assigned, nothing is copied)',
  resume: 'Resume paused or stopped connectors',
  stop: 'Stop connectors (tasks are shut down; offsets can then be edited)',
  restart: 'Restart connectors and their tasks (--failed-only: only failed ones)',
};

/** The shared shape of pause / resume / stop / restart: self-confirmed, checked names, waits for the state. */
export function createLifecycleCommand(
  action: LifecycleAction,
  deps: ConnectorDeps,
): CommandSpec<LifecycleArgs> {
  const flags = action === 'restart' ? ['--failed-only'] : [];
  return {
    verb: action,
    role: 'operator',
    usage: `/mm2 ${action} <connector|all>${action === 'restart' ? ' [--failed-only]' : ''}`,
    summary: SUMMARIES[action],
    approval: 'self',
    parse(args) {
      const parsed = parseTarget(args, flags, true);
      if (!parsed.ok) return parsed;
      return {
        ok: true,
        args: {
          target: parsed.args.target ?? 'all',
          failedOnly: parsed.args.flags.includes('--failed-only'),
        },
      };
    },
    describe: (args) => `${action} ${args.target}${args.failedOnly ? ' (failed tasks only)' : ''}`,
    async preview(_ctx, args) {
      const before = await lifecycleTargets(deps, {
        action,
        target: args.target,
        failedOnly: args.failedOnly,
      });
      const deployed = before.filter((b) => b.status !== undefined);
      const nothingFailed = args.failedOnly && !deployed.some((b) => hasFailure(b.status));
      const view = lifecyclePreviewView(action, args.failedOnly, before);
      if (deployed.length === 0)
        return { ...view, text: `Nothing to ${action}: not deployed.`, nothingToDo: true };
      if (nothingFailed) return { ...view, text: 'Nothing failed: nothing to restart.', nothingToDo: true };
      return view;
    },
    async run(ctx, args) {
      const request = { action, target: args.target, failedOnly: args.failedOnly };
      const result = await runLifecycle(deps, request, (text) => ctx.reply.progress(text), ctx.checkpoint);
      const view = lifecycleResultView(action, args.failedOnly, result.outcomes);
      const detail = result.before
        .map((b) => {
          const after = result.outcomes.find((o) => o.name === b.name);
          return `${b.name}: ${b.status?.connector.state ?? 'not deployed'} -> ${after?.status?.connector.state ?? '?'} (wanted ${goalOf(request)})`;
        })
        .join('\n');
      return withAuditDetail(view, detail);
    },
  };
}
