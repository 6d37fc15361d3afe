import { applyDeploy } from '../usecases/connectors/apply-deploy';
import {
  deployAuditDetail,
  deployPreviewData,
  validationRefusal,
} from '../usecases/connectors/deploy-preview';
import type { ConnectorDeps } from '../usecases/connectors/deps';
import { parseTarget } from '../usecases/connectors/parse-target';
import { planDeploy } from '../usecases/connectors/plan-deploy';
import { renderedDigest } from '../usecases/connectors/rendered-digest';
import { AppError } from '../domain/errors';
import { withAuditDetail } from '../views/connectors/audit-detail';
import { deployPreviewView, deployResultView } from '../views/connectors/deploy-views';
import type { CommandSpec } from './command';

export interface DeployArgs {
  target: string;
  dryRun: boolean;
}

/**
 * `/mm2 deploy [connector|all] [--dry-run]`: render, validate with Connect, diff (redacted), then after a
 * peer approval apply and follow until the tasks run. `preview` is the approval request's content.
 */
export function createDeployCommand(deps: ConnectorDeps): CommandSpec<DeployArgs> {
  return {
    verb: 'deploy',
    role: 'operator',
    usage: '/mm2 deploy [connector|all] [--dry-run]',
    summary: 'Render, validate and apply the MM2 connectors (with approval)',
    approval: 'peer',
    parse(args) {
      const parsed = parseTarget(args, ['--dry-run'], false);
      if (!parsed.ok) return parsed;
      return {
        ok: true,
        args: { target: parsed.args.target ?? 'all', dryRun: parsed.args.flags.includes('--dry-run') },
      };
    },
    describe: (args) => `deploy ${args.target}${args.dryRun ? ' (dry run)' : ''}`,
    async preview(_ctx, args) {
      const plan = await planDeploy(deps, args.target);
      const data = deployPreviewData(plan, args.dryRun, deps.redactor);
      const nothingToDo = args.dryRun || data.items.every((i) => i.kind === 'same');
      if (!args.dryRun && data.items.some((i) => i.errors.length > 0)) throw validationRefusal(data);
      // The approval binds these configs: the run applies nothing else.
      return { ...deployPreviewView(data), nothingToDo, digest: renderedDigest(plan.items) };
    },
    async run(ctx, args) {
      await ctx.reply.progress(`Rendering and validating ${args.target}…`);
      // Planned again: the templates or the running configs may have changed while the approval waited.
      const plan = await planDeploy(deps, args.target);
      const data = deployPreviewData(plan, args.dryRun, deps.redactor);
      const detail = deployAuditDetail(data);
      if (args.dryRun) return withAuditDetail(deployPreviewView(data), detail);
      if (ctx.approvedDigest && renderedDigest(plan.items) !== ctx.approvedDigest)
        throw new AppError(
          'APPROVAL_STALE',
          `The rendered configs of ${args.target} changed after this request was made (the profile or templates changed while it waited), so what was approved is not what would be applied: nothing was applied.`,
          'A fresh request with the current changes follows; review and approve that one.',
        );
      if (!plan.valid) throw validationRefusal(data);
      const result = await applyDeploy(deps, plan, (text) => ctx.reply.progress(text), ctx.checkpoint);
      return withAuditDetail(deployResultView(data, result.outcomes), detail);
    },
  };
}
