import type { Clock } from '../../domain/clock';
import { AppError, isAppError } from '../../domain/errors';
import type { AuditInput } from '../../ports/audit-log';
import type { CommandMetrics } from '../../ports/command-metrics';
import type { Logger } from '../../ports/logger';
import type { ApprovalRequest, Decision } from './approval-types';
import type { Approvals } from './approvals';

/** What a run's work hands back: its value, a short text stored with the request, the audit's detail. */
export interface RunResult<T> {
  value: T;
  text: string;
  detail?: string;
}

/** Handed to a run's work: called before each side effect (each Connect write, each step). */
export interface RunGuard {
  /**
   * Re-reads the request; throws STATE_CONFLICT when it is no longer `approved` (the sweep presumed
   * the runner dead and ended it), so no side effect is made after the outcome was declared.
   */
  checkpoint(): Promise<void>;
}

/** How a run ended, as stored: `done` with the work's value, or `failed` with what it threw. */
export type RunOutcome<T> =
  | { ok: true; status: ApprovalRequest['status']; value: T }
  | { ok: false; status: ApprovalRequest['status']; error: unknown };

/**
 * A durable, approved, heartbeating run whose state lives in the store (the approval request).
 *
 * - `decide`: one click on Approve / Reject. Of any number of clicks, from any number of processes,
 *   exactly one gets `execute` (compare-and-set on the stored request).
 * - `run`: only for a request `decide` returned as `execute`, run once by whoever got it. Stamps the
 *   heartbeat before `work` starts (a request already ended is not run) and every `heartbeatMs` while
 *   it runs; `work` calls the guard's `checkpoint` before each side effect. Then stores the outcome
 *   (`done` or `failed`, a short redacted text), counts it and appends one audit record as the
 *   requester. If the sweep presumed the run dead meanwhile, the run's own outcome replaces that
 *   presumption, so the store, the audit and the message agree. Never throws: a failure of `work` is
 *   returned, so the caller shows it.
 * - `sweep`: expires pending requests past their deadline and fails approved ones whose heartbeat
 *   stopped for `interruptedAfterMs` (the process died mid-run). Nothing is re-run: after a crash a
 *   person looks first. Returns the requests it ended, so their messages can say so.
 * - The sweep also deletes finished requests past `retentionMs` (at most every `pruneEveryMs`).
 * - `current`: the request as stored now (the sweep's caller shows this, not a stale copy).
 *
 * The cutover runbook runs each approved step through the same engine.
 */
export interface RunEngine {
  decide(id: string, userId: string, decision: 'approve' | 'reject'): Promise<Decision>;
  run<T>(request: ApprovalRequest, work: (guard: RunGuard) => Promise<RunResult<T>>): Promise<RunOutcome<T>>;
  sweep(): Promise<ApprovalRequest[]>;
  current(id: string): Promise<ApprovalRequest | undefined>;
}

export interface RunEngineDeps {
  approvals: Pick<
    Approvals,
    'decide' | 'complete' | 'heartbeat' | 'expireDue' | 'failInterrupted' | 'get' | 'prune'
  >;
  audit: { append(entry: AuditInput): Promise<unknown> };
  clock: Clock;
  log: Logger;
  metrics?: CommandMetrics;
  redact(text: string): string;
  /** How often a running request says it is alive (default 30 s). */
  heartbeatMs?: number;
  /** How long without a beat means the runner died (default 180 s: six missed beats). */
  interruptedAfterMs?: number;
  /**
   * Finished requests older than this are deleted by the sweep (MM2_APPROVAL_RETENTION_DAYS), so the
   * store, and every sweep's read of it, stays bounded. Undefined: kept forever.
   */
  retentionMs?: number;
  /** How often the sweep prunes (default hourly; the first sweep prunes). */
  pruneEveryMs?: number;
}

export function createRunEngine(deps: RunEngineDeps): RunEngine {
  const heartbeatMs = deps.heartbeatMs ?? 30_000;
  const interruptedAfterMs = deps.interruptedAfterMs ?? 180_000;
  const pruneEveryMs = deps.pruneEveryMs ?? 3_600_000;
  let prunedAt: number | undefined;

  const pruneWhenDue = async () => {
    const now = deps.clock.now();
    if (deps.retentionMs === undefined || (prunedAt !== undefined && now - prunedAt < pruneEveryMs)) return;
    prunedAt = now;
    const removed = await deps.approvals
      .prune(deps.retentionMs)
      .catch((error: unknown) => (deps.log.warn({ err: String(error) }, 'approval prune failed'), 0));
    if (removed > 0) deps.log.info({ removed }, 'pruned finished approval requests');
  };

  /**
   * Runs `work` while stamping the heartbeat, so a crash mid-run can be told from a long run. Beats do
   * not overlap: with a slow store, a beat still on its way is not joined by another.
   */
  const whileBeating = async <T>(id: string, work: () => Promise<T>): Promise<T> => {
    let beating: Promise<unknown> | undefined;
    const beat = () => {
      beating ??= deps.approvals
        .heartbeat(id)
        .catch((error: unknown) => deps.log.warn({ err: String(error) }, 'approval heartbeat failed'))
        .finally(() => (beating = undefined));
    };
    const timer = setInterval(beat, heartbeatMs);
    timer.unref();
    try {
      return await work();
    } finally {
      clearInterval(timer);
    }
  };

  const guardOf = (id: string): RunGuard => ({
    async checkpoint() {
      const current = await deps.approvals.get(id);
      if (current?.status === 'approved') return;
      throw new AppError(
        'STATE_CONFLICT',
        `Stopped before the next step: this request was declared interrupted (${current?.status ?? 'gone'}) while it ran, so nothing more was done.`,
        'Check `/mm2 status`, then run the command again if needed.',
      );
    },
  });

  const record = (request: ApprovalRequest, ok: boolean, detail: string, started: number) => {
    deps.metrics?.commandFinished(request.command, ok ? 'ok' : 'error', (deps.clock.now() - started) / 1000);
    return deps.audit
      .append({
        user: request.requester,
        channel: request.channel,
        command: request.command,
        args: request.args,
        outcome: ok ? 'ok' : 'error',
        correlationId: request.correlationId,
        detail: deps.redact(detail).slice(0, 2000),
      })
      .catch((error: unknown) => deps.log.error({ err: String(error) }, 'audit append failed'));
  };

  const complete = (id: string, ok: boolean, text: string) =>
    deps.approvals.complete(id, { ok, text: deps.redact(text).slice(0, 500) });

  return {
    decide: (id, userId, decision) => deps.approvals.decide(id, userId, decision),

    async run(request, work) {
      const started = deps.clock.now();
      try {
        // The first beat, before anything is done: the sweep measures from it, and a request the
        // sweep (or anyone) already ended is not run.
        const first = await deps.approvals.heartbeat(request.id);
        if (first.status !== 'approved')
          return {
            ok: false,
            status: first.status,
            error: new AppError(
              'STATE_CONFLICT',
              `This request is ${first.status}: it was not run.`,
              'Run the command again to ask anew.',
            ),
          };
        const result = await whileBeating(request.id, () => work(guardOf(request.id)));
        const { status } = await complete(request.id, true, result.text);
        await record(request, true, result.detail ?? result.text, started);
        return { ok: true, status, value: result.value };
      } catch (error) {
        const detail = isAppError(error) ? `${error.code}: ${error.message}` : 'INTERNAL';
        if (!isAppError(error))
          deps.log.error(
            { err: deps.redact(String((error as Error)?.stack ?? error)) },
            'approved command failed',
          );
        const { status } = await complete(request.id, false, detail).catch(() => ({
          status: 'failed' as const,
        }));
        await record(request, false, detail, started);
        return { ok: false, status, error };
      }
    },

    current: (id) => deps.approvals.get(id),

    async sweep() {
      const ended = [
        ...(await deps.approvals.expireDue()),
        ...(await deps.approvals.failInterrupted(interruptedAfterMs)),
      ];
      await pruneWhenDue();
      return ended;
    },
  };
}
