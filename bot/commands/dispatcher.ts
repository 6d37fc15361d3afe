import { isAppError } from '../domain/errors';
import { PerUserBudget } from '../domain/per-user-budget';
import { satisfies } from '../domain/roles';
import type { ChatSurface } from '../ports/chat-surface';
import { channelRefusedView, roleRefusedView, unknownVerbView, usageView } from '../views/core/notice-views';
import type { View } from '../views/view';
import { ApprovedCommands, type Click } from './approved-commands';
import type { CommandSpec } from './command';
import { newCorrelationId } from './correlation-id';
import { didYouMean } from './did-you-mean';
import type { DispatcherDeps } from './dispatcher-deps';
import { messageReply } from './message-reply';
import { reportError } from './report-error';
import { tokenize } from './tokenize';

export interface Invocation {
  user: string;
  channel: string;
  text: string;
  correlationId?: string;
}

type Outcome = 'ok' | 'refused' | 'error' | 'requested';

/**
 * Turns `/mm2 ...` text into a use case run: channel and role checks, argument parsing, audit of
 * every outcome, and errors made readable. Mutating commands go to the approval flow
 * (ApprovedCommands), whose approved runs go through the run engine.
 */
export class Dispatcher {
  private readonly byVerb: Map<string, CommandSpec>;
  private readonly approved: ApprovedCommands;
  private readonly outsideRefusals: PerUserBudget;

  constructor(private readonly deps: DispatcherDeps) {
    this.byVerb = new Map(deps.specs.map((s) => [s.verb, s]));
    this.outsideRefusals = new PerUserBudget({
      clock: deps.clock,
      ...(deps.outsideRefusals ?? { limit: 5, windowMs: 60_000 }),
    });
    this.approved = new ApprovedCommands({ ...deps, byVerb: this.byVerb });
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
    const { user, channel } = invocation;
    const log = this.deps.log.child({ correlationId, user, channel, verb: verb.slice(0, 40) });
    const audit = (outcome: string, detail?: string) =>
      this.deps.audit
        .append({
          user,
          channel,
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
    let audited = false;
    const finish = async (outcome: Outcome, detail?: string, answer?: Promise<void>) => {
      audited = true;
      const record = audit(outcome, detail);
      try {
        await answer;
      } finally {
        const ms = this.deps.clock.now() - started;
        this.deps.metrics?.commandFinished(this.byVerb.has(verb) ? verb : 'unknown', outcome, ms / 1000);
        log.info({ outcome, ms }, 'command finished');
      }
      await record;
    };
    const refuse = (view: View, detail: string) => finish('refused', detail, surface.ephemeral(view));
    try {
      if (!this.deps.allowedChannels.includes(channel)) {
        if (!this.outsideRefusals.take(user)) {
          // Over the user's budget: no answer and no audit record (a flood would only fill the trail).
          audited = true;
          this.deps.metrics?.commandFinished('unknown', 'refused', (this.deps.clock.now() - started) / 1000);
          return;
        }
        return await refuse(channelRefusedView(this.deps.allowedChannels), 'channel not allowed');
      }
      const spec = this.byVerb.get(verb);
      if (!spec)
        return await refuse(
          unknownVerbView(rawVerb ?? '', didYouMean(verb, this.verbs())),
          'unknown command',
        );
      const role = await this.deps.roles.highestRole(user);
      if (!satisfies(role, spec.role)) {
        const doubt = await this.deps.roles.unverified?.(user);
        return await refuse(roleRefusedView(verb, spec.role, role, doubt), `needs role ${spec.role}`);
      }
      const parsed = spec.parse(args);
      if (!parsed.ok) return await refuse(usageView(parsed.error, spec.usage), 'bad arguments');
      if (spec.approval) {
        // The record is written before the request is shown (not alongside it, as for answers): a
        // request the channel saw must be in the trail even if the bot dies the next instant.
        const ctx = { user, channel, correlationId };
        await this.approved.ask(spec, args, parsed.args, ctx, surface, () => finish('requested'));
        // Nothing to do (no request stored): recorded as before, once answered.
        if (!audited) await finish('requested');
        return;
      }
      const reply = messageReply(surface);
      const view = await spec.run({ user, channel, correlationId, reply }, parsed.args);
      const answer = spec.visibility === 'ephemeral' ? surface.ephemeral(view) : reply.finish(view);
      await finish('ok', undefined, answer);
    } catch (error) {
      if (!audited) await finish('error', isAppError(error) ? error.code : 'INTERNAL');
      await reportError(error, correlationId, surface, log, this.deps.redact);
    }
  }

  /** A click on Approve / Reject. */
  decide(click: Click, surface: ChatSurface): Promise<void> {
    return this.tracked(() => this.approved.decide(click, surface));
  }
}
