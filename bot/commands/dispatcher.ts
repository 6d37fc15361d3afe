import { randomUUID } from 'node:crypto';
import { AppError, isAppError } from '../domain/errors';
import { satisfies } from '../domain/roles';
import type { ChatSurface, MessageRef } from '../ports/chat-surface';
import { context } from '../views/blocks';
import { approvalOutcomeView, approvalRequestView, type ApprovalShape } from '../views/core/approval-views';
import {
  channelRefusedView,
  errorView,
  internalErrorView,
  roleRefusedView,
  unknownVerbView,
  usageView,
} from '../views/core/notice-views';
import { auditDetailOf } from '../views/connectors/audit-detail';
import { escapeText } from '../views/mrkdwn';
import type { CommandSpec, Reply, View } from './command';
import { didYouMean } from './did-you-mean';
import type { DispatcherDeps } from './dispatcher-deps';
import { messageReply } from './message-reply';
import { tokenize } from './tokenize';

export interface Invocation {
  user: string;
  channel: string;
  text: string;
  correlationId?: string;
}

type Outcome = 'ok' | 'refused' | 'error' | 'requested';

const newCorrelationId = () => randomUUID().slice(0, 8);

/**
 * Turns `/mm2 ...` text into a use case run: channel and role checks, argument parsing, the
 * approval flow for mutating commands, audit of every outcome, and errors made readable.
 */
export class Dispatcher {
  private readonly byVerb: Map<string, CommandSpec>;

  constructor(private readonly deps: DispatcherDeps) {
    this.byVerb = new Map(deps.specs.map((s) => [s.verb, s]));
  }

  verbs(): string[] {
    return [...this.byVerb.keys()];
  }

  handle(invocation: Invocation, surface: ChatSurface): Promise<void> {
    return this.tracked(() => this.handleNow(invocation, surface));
  }

  /** Counted in `inFlight` (if given) until it settles, so shutdown can wait for it. */
  private tracked(work: () => Promise<void>): Promise<void> {
    return this.deps.inFlight ? this.deps.inFlight.run(work) : work();
  }

  private async handleNow(invocation: Invocation, surface: ChatSurface): Promise<void> {
    const started = this.deps.clock.now();
    const correlationId = invocation.correlationId ?? newCorrelationId();
    const [rawVerb, ...args] = tokenize(invocation.text);
    const verb = (rawVerb ?? 'help').toLowerCase();
    const log = this.deps.log.child({
      correlationId,
      user: invocation.user,
      channel: invocation.channel,
      verb: verb.slice(0, 40),
    });
    const audit = (outcome: string, detail?: string) =>
      this.deps.audit
        .append({
          user: invocation.user,
          channel: invocation.channel,
          command: verb.slice(0, 40),
          args: args.map((a) => a.slice(0, 200)),
          outcome,
          correlationId,
          detail,
        })
        .catch((error: unknown) => log.error({ err: String(error) }, 'audit append failed'));
    // The audit record is written while the answer goes out (a slow store, e.g. S3, or the audit's
    // commit window must not delay replies); the answer is started first, so building the record
    // (redaction) runs after it has left. `/mm2 audit` still sees every record: recent() flushes.
    // The duration counted is the user's wait for the answer, not the audit's.
    const finish = async (outcome: Outcome, detail?: string, answer?: Promise<void>) => {
      const audited = audit(outcome, detail);
      try {
        await answer;
      } finally {
        const ms = this.deps.clock.now() - started;
        this.deps.metrics?.commandFinished(this.byVerb.has(verb) ? verb : 'unknown', outcome, ms / 1000);
        log.info({ outcome, ms }, 'command finished');
      }
      await audited;
    };

    let audited = false;
    const refuse = async (view: View, detail: string) => {
      audited = true;
      await finish('refused', detail, surface.ephemeral(view));
    };
    try {
      if (!this.deps.allowedChannels.includes(invocation.channel)) {
        return await refuse(channelRefusedView(this.deps.allowedChannels), 'channel not allowed');
      }
      const spec = this.byVerb.get(verb);
      if (!spec) {
        return await refuse(
          unknownVerbView(rawVerb ?? '', didYouMean(verb, this.verbs())),
          'unknown command',
        );
      }
      const role = await this.deps.roles.highestRole(invocation.user);
      if (!satisfies(role, spec.role)) {
        const doubt = await this.deps.roles.unverified?.(invocation.user);
        return await refuse(roleRefusedView(verb, spec.role, role, doubt), `needs role ${spec.role}`);
      }
      const parsed = spec.parse(args);
      if (!parsed.ok) return await refuse(usageView(parsed.error, spec.usage), 'bad arguments');
      if (spec.approval) {
        await this.requestApproval(spec, args, parsed.args, invocation, correlationId, surface);
        audited = true;
        return await finish('requested');
      }
      const reply = messageReply(surface);
      const view = await spec.run(
        { user: invocation.user, channel: invocation.channel, correlationId, reply },
        parsed.args,
      );
      audited = true;
      await finish(
        'ok',
        undefined,
        spec.visibility === 'ephemeral' ? surface.ephemeral(view) : reply.finish(view),
      );
    } catch (error) {
      if (!audited) await finish('error', isAppError(error) ? error.code : 'INTERNAL');
      await this.reportError(error, correlationId, surface, log);
    }
  }

  private async requestApproval(
    spec: CommandSpec,
    args: string[],
    parsedArgs: unknown,
    invocation: Invocation,
    correlationId: string,
    surface: ChatSurface,
  ): Promise<void> {
    const reply = messageReply(surface);
    const ctx = { user: invocation.user, channel: invocation.channel, correlationId, reply };
    const preview = spec.preview ? await spec.preview(ctx, parsedArgs) : undefined;
    if (preview && 'nothingToDo' in preview && preview.nothingToDo) {
      await reply.finish(preview);
      return;
    }
    const summary = spec.describe ? spec.describe(parsedArgs) : spec.summary;
    const request = await this.deps.approvals.request({
      command: spec.verb,
      args,
      summary,
      requester: invocation.user,
      channel: invocation.channel,
      mode: spec.approval ?? 'self',
      correlationId,
      role: spec.role,
    });
    await reply.done(approvalRequestView(request, preview));
    const ref = reply.message();
    if (ref) await this.deps.approvals.attachMessage(request.id, ref);
  }

  /** A click on Approve / Reject. Exactly one click can lead to `execute` (the gate's compare-and-set). */
  decide(
    input: {
      user: string;
      channel: string;
      approvalId: string;
      decision: 'approve' | 'reject';
      message?: MessageRef;
    },
    surface: ChatSurface,
  ): Promise<void> {
    return this.tracked(() => this.decideNow(input, surface));
  }

  private async decideNow(
    input: {
      user: string;
      channel: string;
      approvalId: string;
      decision: 'approve' | 'reject';
      message?: MessageRef;
    },
    surface: ChatSurface,
  ): Promise<void> {
    const log = this.deps.log.child({ approvalId: input.approvalId.slice(0, 64), user: input.user });
    let outcome;
    try {
      outcome = await this.deps.approvals.decide(input.approvalId, input.user, input.decision);
    } catch (error) {
      await this.reportError(error, newCorrelationId(), surface, log);
      return;
    }
    const ref = outcome.request.message ?? input.message;
    switch (outcome.kind) {
      case 'refused':
        await surface.ephemeral({
          text: outcome.reason,
          blocks: [context(`:no_entry_sign: ${escapeText(outcome.reason)}`)],
        });
        return;
      case 'already-decided':
        await surface.ephemeral({
          text: 'Already decided.',
          blocks: [
            context(
              `This request is already *${escapeText(outcome.request.status)}*${outcome.request.decidedBy ? ` (by ${escapeText(outcome.request.decidedBy)})` : ''}.`,
            ),
          ],
        });
        return;
      case 'rejected':
      case 'expired':
        if (ref) await surface.update(ref, approvalOutcomeView(outcome.request));
        else await surface.ephemeral(approvalOutcomeView(outcome.request));
        return;
      case 'execute':
        await this.execute(outcome.request, ref, surface, log);
    }
  }

  private async execute(
    request: ApprovalShape & { channel: string; correlationId: string },
    ref: MessageRef | undefined,
    surface: ChatSurface,
    log: DispatcherDeps['log'],
  ): Promise<void> {
    const spec = this.byVerb.get(request.command);
    const started = this.deps.clock.now();
    const inMessage = (status: string, view?: View) => approvalOutcomeView({ ...request, status }, view);
    const base = messageReply(surface, ref);
    const reply: Reply = {
      progress: (text) =>
        base.done(
          inMessage('approved', { text, blocks: [context(`:hourglass_flowing_sand: ${escapeText(text)}`)] }),
        ),
      done: (view) => base.done(view),
      attach: (file) => base.attach(file),
    };
    const record = (ok: boolean, detail: string) => {
      this.deps.metrics?.commandFinished(
        request.command,
        ok ? 'ok' : 'error',
        (this.deps.clock.now() - started) / 1000,
      );
      return this.deps.audit
        .append({
          user: request.requester,
          channel: request.channel,
          command: request.command,
          args: request.args,
          outcome: ok ? 'ok' : 'error',
          correlationId: request.correlationId,
          detail: this.deps.redact(detail).slice(0, 2000),
        })
        .catch((error: unknown) => log.error({ err: String(error) }, 'audit append failed'));
    };
    // As in handle(): the outcome is audited before the message shows it.
    let view: View;
    let status: string;
    try {
      if (!spec)
        throw new AppError(
          'NOT_FOUND',
          `The command ${request.command} no longer exists in this bot version.`,
        );
      const parsed = spec.parse(request.args);
      if (!parsed.ok) throw new AppError('BAD_INPUT', parsed.error);
      await reply.progress('running…');
      view = await this.whileBeating(request.id, log, () =>
        spec.run(
          { user: request.requester, channel: request.channel, correlationId: request.correlationId, reply },
          parsed.args,
        ),
      );
      status = (
        await this.deps.approvals.complete(request.id, {
          ok: true,
          text: this.deps.redact(view.text).slice(0, 500),
        })
      ).status;
      await record(true, auditDetailOf(view) ?? view.text);
    } catch (error) {
      const detail = isAppError(error) ? `${error.code}: ${error.message}` : 'INTERNAL';
      if (!isAppError(error))
        log.error(
          { err: this.deps.redact(String((error as Error)?.stack ?? error)) },
          'approved command failed',
        );
      status = (
        await this.deps.approvals
          .complete(request.id, { ok: false, text: this.deps.redact(detail).slice(0, 500) })
          .catch(() => ({ status: 'failed' }))
      ).status;
      view = isAppError(error)
        ? errorView(error, request.correlationId)
        : internalErrorView(request.correlationId);
      await record(false, detail);
    }
    await reply
      .done(inMessage(status, view))
      .catch((error: unknown) => log.error({ err: String(error) }, 'could not show the outcome'));
  }

  /** Runs `work` while stamping the request's heartbeat, so a crash mid-run can be told from a long run. */
  private async whileBeating<T>(id: string, log: DispatcherDeps['log'], work: () => Promise<T>): Promise<T> {
    const beat = () =>
      void this.deps.approvals
        .heartbeat(id)
        .catch((error: unknown) => log.warn({ err: String(error) }, 'approval heartbeat failed'));
    const timer = setInterval(beat, this.deps.heartbeatMs ?? 30_000);
    timer.unref();
    try {
      return await work();
    } finally {
      clearInterval(timer);
    }
  }

  private async reportError(
    error: unknown,
    correlationId: string,
    surface: ChatSurface,
    log: DispatcherDeps['log'],
  ): Promise<void> {
    const view = isAppError(error) ? errorView(error, correlationId) : internalErrorView(correlationId);
    if (isAppError(error))
      log.warn({ code: error.code, message: this.deps.redact(error.message) }, 'command failed');
    else log.error({ err: this.deps.redact(String((error as Error)?.stack ?? error)) }, 'command crashed');
    await surface
      .ephemeral(view)
      .catch((e: unknown) => log.error({ err: String(e) }, 'could not report the error'));
  }
}
