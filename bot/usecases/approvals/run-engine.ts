import type { Clock } from '../../domain/clock';
import { isAppError } from '../../domain/errors';
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

/** How a run ended, as stored: `done` with the work's value, or `failed` with what it threw. */
export type RunOutcome<T> =
  | { ok: true; status: ApprovalRequest['status']; value: T }
  | { ok: false; status: ApprovalRequest['status']; error: unknown };

/**
 * A durable, approved, heartbeating run whose state lives in the store (the approval request).
 *
 * - `decide`: one click on Approve / Reject. Of any number of clicks, from any number of processes,
 *   exactly one gets `execute` (compare-and-set on the stored request).
 * - `run`: only for a request `decide` returned as `execute`, run once by whoever got it. Runs `work`
 *   while stamping the request's heartbeat every `heartbeatMs`; then stores the outcome (`done` or
 *   `failed`, a short redacted text), counts it and appends one audit record as the requester. Never
 *   throws: a failure of `work` is returned, so the caller shows it.
 * - `sweep`: expires pending requests past their deadline and fails approved ones whose heartbeat
 *   stopped for `interruptedAfterMs` (the process died mid-run). Nothing is re-run: after a crash a
 *   person looks first. Returns the requests it ended, so their messages can say so.
 *
 * The cutover runbook runs each approved step through the same engine.
 */
export interface RunEngine {
  decide(id: string, userId: string, decision: 'approve' | 'reject'): Promise<Decision>;
  run<T>(request: ApprovalRequest, work: () => Promise<RunResult<T>>): Promise<RunOutcome<T>>;
  sweep(): Promise<ApprovalRequest[]>;
}

export interface RunEngineDeps {
  approvals: Pick<Approvals, 'decide' | 'complete' | 'heartbeat' | 'expireDue' | 'failInterrupted'>;
  audit: { append(entry: AuditInput): Promise<unknown> };
  clock: Clock;
  log: Logger;
  metrics?: CommandMetrics;
  redact(text: string): string;
  /** How often a running request says it is alive (default 30 s). */
  heartbeatMs?: number;
  /** How long without a beat means the runner died (default 180 s: six missed beats). */
  interruptedAfterMs?: number;
}

export function createRunEngine(deps: RunEngineDeps): RunEngine {
  const heartbeatMs = deps.heartbeatMs ?? 30_000;
  const interruptedAfterMs = deps.interruptedAfterMs ?? 180_000;

  /** Runs `work` while stamping the heartbeat, so a crash mid-run can be told from a long run. */
  const whileBeating = async <T>(id: string, work: () => Promise<T>): Promise<T> => {
    const beat = () =>
      void deps.approvals
        .heartbeat(id)
        .catch((error: unknown) => deps.log.warn({ err: String(error) }, 'approval heartbeat failed'));
    const timer = setInterval(beat, heartbeatMs);
    timer.unref();
    try {
      return await work();
    } finally {
      clearInterval(timer);
    }
  };

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
        const result = await whileBeating(request.id, work);
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

    async sweep() {
      return [
        ...(await deps.approvals.expireDue()),
        ...(await deps.approvals.failInterrupted(interruptedAfterMs)),
      ];
    },
  };
}
