import type { ChannelMessenger } from '../ports/channel-messenger';
import type { MessageRef } from '../ports/chat-surface';
import { AppError } from '../domain/errors';
import { approvalMarkOf } from '../usecases/approvals/approval-mark';
import type { ApprovalRequest } from '../usecases/approvals/approval-types';
import type { Cutover } from '../usecases/cutover/cutover-types';
import type { Cutovers } from '../usecases/cutover/cutovers';
import type { CutoverEngine, StepListener } from '../usecases/cutover/engine';
import { approvalRequestView, type ApprovalShown } from '../views/core/approval-views';
import { checklistView } from '../views/cutover/checklist-view';
import { cutoverReport } from '../views/cutover/report';
import { abortView, outcomeView, planView, startedView, stepPreview } from '../views/cutover/step-views';
import type { View } from '../views/view';
import type { CommandSpec } from './command';

export interface CutoverCommandDeps {
  cutovers: Cutovers;
  engine: CutoverEngine;
  messenger: ChannelMessenger;
  approvals: {
    get(
      id: string,
    ): Promise<(ApprovalShown & Pick<ApprovalRequest, 'channel' | 'correlationId' | 'thread'>) | undefined>;
    attachMessage(id: string, message: MessageRef): Promise<void>;
  };
  /**
   * Hooks for what other features add to the thread: alerts raised during a cutover (the watcher
   * asks `threadOf`), charts at key moments (issue 12). Both optional.
   */
  onKeyMoment?(
    cutover: Cutover,
    moment: 'started' | 'group-moved' | 'producers-moved' | 'finished' | 'aborted',
  ): Promise<void>;
}

export type CutoverArgs =
  | { sub: 'plan' | 'start'; runbook?: string; batch?: string[] }
  | { sub: 'status' | 'next' | 'abort' | 'report' }
  | { sub: 'run'; id: string; key: string };

const USAGE = '/mm2 cutover plan|start [--runbook name] [--batch app1,app2] | status | next | abort | report';

function parseOptions(
  args: string[],
): { ok: true; runbook?: string; batch?: string[] } | { ok: false; error: string } {
  const out: { runbook?: string; batch?: string[] } = {};
  for (let i = 0; i < args.length; i++) {
    const flag = args[i];
    const value = args[i + 1];
    if ((flag === '--runbook' || flag === '--batch') && value && /^[A-Za-z0-9._,-]+$/.test(value)) {
      if (flag === '--runbook') out.runbook = value;
      else out.batch = value.split(',').filter(Boolean);
      i++;
    } else
      return {
        ok: false,
        error: `Unknown or incomplete option ${flag ?? ''}: use --runbook <name> or --batch <app1,app2>.`,
      };
  }
  return { ok: true, ...out };
}

/** `/mm2 cutover ...`: the gated, approved, resumable migration runbook, one thread per cutover. */
export const createCutoverCommand = (deps: CutoverCommandDeps): CommandSpec<CutoverArgs> => {
  const active = async (): Promise<Cutover> => {
    const c = await deps.cutovers.active();
    if (!c)
      throw new AppError(
        'NOT_FOUND',
        'No cutover is running for this profile.',
        'Start one with `/mm2 cutover start` (try `/mm2 cutover plan` first).',
      );
    return c;
  };

  /** Posts each outcome in the thread, its approval request with buttons, and refreshes the checklist. */
  const listener = (): StepListener => async (cutover, outcome) => {
    const root = cutover.root;
    if (!root) return;
    if (outcome.kind === 'approval-requested') {
      const request = await deps.approvals.get(outcome.approvalId);
      if (request) {
        // Marked, in the thread the request recorded: found again if the bot dies before the record.
        const ts = await deps.messenger.post(
          root.channel,
          approvalRequestView(request, stepPreview(outcome.step)),
          request.thread ?? root.ts,
          approvalMarkOf(request),
        );
        await deps.approvals.attachMessage(request.id, { channel: root.channel, ts });
        await deps.cutovers.attachStepMessage(cutover.id, outcome.step.key, { channel: root.channel, ts });
      }
    } else if (outcome.kind !== 'awaiting-approval' && outcome.kind !== 'running') {
      await deps.messenger.post(root.channel, outcomeView(outcome), root.ts);
    }
    await deps.messenger.update(root.channel, root.ts, checklistView(cutover));
    if (outcome.kind === 'done' && outcome.step.action === 'start-on-target')
      await deps.onKeyMoment?.(
        cutover,
        outcome.step.appKind === 'producer' ? 'producers-moved' : 'group-moved',
      );
    if (outcome.kind === 'finished') await deps.onKeyMoment?.(cutover, 'finished');
  };

  return {
    verb: 'cutover',
    role: 'operator',
    usage: USAGE,
    summary: 'Plan (dry run), start, follow and abort the gated, approved cutover to MSK; export its report',
    parse: (args) => {
      const [sub, ...rest] = args;
      switch (sub) {
        case 'plan':
        case 'start': {
          const options = parseOptions(rest);
          if (!options.ok) return options;
          const parsed: CutoverArgs = { sub };
          if (options.runbook) parsed.runbook = options.runbook;
          if (options.batch) parsed.batch = options.batch;
          return { ok: true, args: parsed };
        }
        case 'status':
        case 'next':
        case 'abort':
        case 'report':
          return rest.length === 0
            ? { ok: true, args: { sub } }
            : { ok: false, error: `\`cutover ${sub}\` takes no arguments.` };
        case 'run':
          // Only the approval flow runs this (the engine checks the approval); not listed in the usage.
          return rest.length === 2
            ? { ok: true, args: { sub, id: rest[0]!, key: rest[1]! } }
            : { ok: false, error: 'run <cutover> <step>' };
        default:
          return { ok: false, error: sub ? `Unknown subcommand ${sub}.` : 'Which subcommand?' };
      }
    },
    describe: (args) => `cutover ${args.sub}`,
    run: async (ctx, args): Promise<View> => {
      switch (args.sub) {
        case 'plan': {
          await ctx.reply.progress('Measuring every gate of every step (dry run: nothing changes)…');
          const plan = await deps.cutovers.dryRun(args);
          return planView(plan.runbook.name, plan.steps);
        }
        case 'start': {
          const cutover = await deps.cutovers.start({ ...args, user: ctx.user, channel: ctx.channel });
          const ts = await deps.messenger.post(ctx.channel, checklistView(cutover));
          await deps.cutovers.attachRoot(cutover.id, { channel: ctx.channel, ts });
          await deps.onKeyMoment?.(cutover, 'started');
          return startedView(cutover);
        }
        case 'status':
          return checklistView(await active());
        case 'next': {
          const cutover = await active();
          await ctx.reply.progress(`Cutover ${cutover.id}: measuring the gates of the current step…`);
          const outcome = await deps.engine.advance(cutover.id, ctx.user, ctx.correlationId, listener());
          return outcomeView(outcome);
        }
        case 'run': {
          const outcome = await deps.engine.runApproved(
            args.id,
            args.key,
            ctx.user,
            ctx.correlationId,
            listener(),
          );
          return outcomeView(outcome);
        }
        case 'abort': {
          const cutover = await active();
          await ctx.reply.progress(`Cutover ${cutover.id}: rolling back…`);
          const aborted = await deps.engine.abort(cutover.id, ctx.user);
          if (aborted.root) {
            await deps.messenger.post(aborted.root.channel, abortView(aborted), aborted.root.ts);
            await deps.messenger.update(aborted.root.channel, aborted.root.ts, checklistView(aborted));
          }
          await deps.onKeyMoment?.(aborted, 'aborted');
          return abortView(aborted);
        }
        case 'report': {
          const cutover = (await deps.cutovers.active()) ?? (await deps.cutovers.latest());
          if (!cutover) throw new AppError('NOT_FOUND', 'There is no cutover to report on.');
          const { markdown, json } = cutoverReport(cutover);
          const where = cutover.root ?? { channel: ctx.channel, ts: undefined };
          await deps.messenger.attach(where.channel, markdown, where.ts);
          await deps.messenger.attach(where.channel, json, where.ts);
          return { text: `Cutover ${cutover.id} report attached`, blocks: checklistView(cutover).blocks };
        }
      }
    },
  };
};
