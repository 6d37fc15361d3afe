import { AppError, isAppError } from '../domain/errors';
import type { ChatSurface, MessageRef } from '../ports/chat-surface';
import type { Logger } from '../ports/logger';
import type { ApprovalRequest } from '../usecases/approvals/approval-types';
import type { RunEngine } from '../usecases/approvals/run-engine';
import { approvalMark } from '../usecases/approvals/approval-mark';
import { auditDetailOf } from '../views/connectors/audit-detail';
import {
  alreadyDecidedView,
  approvalOutcomeView,
  approvalProgressView,
  approvalRequestView,
  decisionRefusedView,
} from '../views/core/approval-views';
import { errorView, internalErrorView } from '../views/core/notice-views';
import type { View } from '../views/view';
import type { CommandSpec } from './command';
import type { ApprovalGate } from './dispatcher-deps';
import { messageReply } from './message-reply';
import { runReply } from './run-reply';
import { newCorrelationId } from './correlation-id';
import { reportError } from './report-error';

/** A click on Approve / Reject, and the message it was on. */
export interface Click {
  user: string;
  channel: string;
  approvalId: string;
  decision: 'approve' | 'reject';
  message?: MessageRef;
}

/**
 * Mutating commands: the approval request (with the command's preview), and the clicks on it. The one
 * click that gets `execute` runs the command through the run engine, in the request's message.
 */
export class ApprovedCommands {
  constructor(
    private readonly deps: {
      byVerb: ReadonlyMap<string, CommandSpec>;
      approvals: ApprovalGate;
      runs: RunEngine;
      log: Logger;
      redact(text: string): string;
    },
  ) {}

  async ask(
    spec: CommandSpec,
    args: string[],
    parsedArgs: unknown,
    ctx: { user: string; channel: string; correlationId: string },
    surface: ChatSurface,
    /**
     * Called once the request is stored, before its message is shown: the `requested` audit record is
     * written there, so a bot killed after the channel saw the request cannot have lost it.
     */
    stored: () => Promise<void> = async () => undefined,
  ): Promise<void> {
    const reply = messageReply(surface, undefined, approvalMark(ctx.correlationId));
    const preview = spec.preview ? await spec.preview({ ...ctx, reply }, parsedArgs) : undefined;
    if (preview?.nothingToDo) {
      await reply.finish(preview);
      return;
    }
    const request = await this.deps.approvals.request({
      command: spec.verb,
      args,
      summary: spec.describe ? spec.describe(parsedArgs) : spec.summary,
      requester: ctx.user,
      channel: ctx.channel,
      mode: spec.approval ?? 'self',
      correlationId: ctx.correlationId,
      role: spec.role,
      ...(preview?.digest ? { digest: preview.digest } : {}),
    });
    await stored();
    await reply.done(approvalRequestView(request, preview));
    const ref = reply.message();
    if (ref) await this.deps.approvals.attachMessage(request.id, ref);
  }

  /** Exactly one click can lead to `execute` (the store's compare-and-set). */
  async decide(click: Click, surface: ChatSurface): Promise<void> {
    const log = this.deps.log.child({ approvalId: click.approvalId.slice(0, 64), user: click.user });
    let outcome;
    try {
      outcome = await this.deps.runs.decide(click.approvalId, click.user, click.decision);
    } catch (error) {
      await reportError(error, newCorrelationId(), surface, log, this.deps.redact);
      return;
    }
    const ref = outcome.request.message ?? click.message;
    switch (outcome.kind) {
      case 'refused':
        return surface.ephemeral(decisionRefusedView(outcome.reason));
      case 'already-decided':
        return surface.ephemeral(alreadyDecidedView(outcome.request));
      case 'rejected':
      case 'expired':
        if (ref) return surface.update(ref, approvalOutcomeView(outcome.request));
        return surface.ephemeral(approvalOutcomeView(outcome.request));
      case 'execute':
        return this.execute(outcome.request, ref, surface, log);
    }
  }

  /**
   * Runs the approved command; its progress and outcome replace the request's message (progress is
   * best-effort; the outcome is posted anew if that message cannot be edited).
   */
  private async execute(
    request: ApprovalRequest,
    ref: MessageRef | undefined,
    surface: ChatSurface,
    log: Logger,
  ): Promise<void> {
    const reply = runReply(surface, ref, log, (text) => approvalProgressView(request, text));
    const { user, channel } = { user: request.requester, channel: request.channel };
    const spec = this.deps.byVerb.get(request.command);
    const result = await this.deps.runs.run(request, async (guard) => {
      if (!spec)
        throw new AppError(
          'NOT_FOUND',
          `The command ${request.command} no longer exists in this bot version.`,
        );
      const parsed = spec.parse(request.args);
      if (!parsed.ok) throw new AppError('BAD_INPUT', parsed.error);
      await reply.progress('running…');
      const view = await spec.run(
        {
          user,
          channel,
          correlationId: request.correlationId,
          reply,
          checkpoint: () => guard.checkpoint(),
          ...(request.digest ? { approvedDigest: request.digest } : {}),
        },
        parsed.args,
      );
      return { value: view, text: view.text, detail: auditDetailOf(view) ?? view.text };
    });
    const view: View = result.ok
      ? result.value
      : isAppError(result.error)
        ? errorView(result.error, request.correlationId)
        : internalErrorView(request.correlationId);
    // As for any command: the outcome is stored and audited before the message shows it.
    await reply
      .done(approvalOutcomeView({ ...request, status: result.status }, view))
      .catch((error: unknown) => log.error({ err: String(error) }, 'could not show the outcome'));
    // What the approver saw is no longer what would be applied: offer a fresh request at once.
    if (!result.ok && isAppError(result.error, 'APPROVAL_STALE') && spec) {
      const parsed = spec.parse(request.args);
      if (parsed.ok)
        await this.ask(
          spec,
          request.args,
          parsed.args,
          { user, channel, correlationId: newCorrelationId() },
          surface,
        ).catch((error: unknown) =>
          reportError(error, request.correlationId, surface, log, this.deps.redact),
        );
    }
  }
}
