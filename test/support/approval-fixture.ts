import type { AnyCommandSpec, CommandSpec } from '../../bot/commands/command';
import { Dispatcher } from '../../bot/commands/dispatcher';
import type { Clock } from '../../bot/domain/clock';
import type { AuditInput } from '../../bot/ports/audit-log';
import type { Logger } from '../../bot/ports/logger';
import type { StateStore } from '../../bot/ports/state-store';
import type { NewApproval } from '../../bot/usecases/approvals/approval-types';
import { Approvals } from '../../bot/usecases/approvals/approvals';
import { createRunEngine, type RunEngineDeps } from '../../bot/usecases/approvals/run-engine';
import { FakeClock } from './fake-clock';
import { MemoryStateStore } from './memory-state-store';

/** A logger that drops everything: these tests assert on state and audit, not on log lines. */
export const quietLog: Logger = {
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  child: () => quietLog,
};

/** A request as the dispatcher opens one: `deploy all` by U1AA in C1, for a peer. */
export const newApproval = (overrides: Partial<NewApproval> = {}): NewApproval => ({
  command: 'deploy',
  args: ['all'],
  summary: 'Deploy all',
  requester: 'U1AA',
  channel: 'C1',
  mode: 'peer',
  correlationId: 'c1',
  ...overrides,
});

/** `/mm2 pause`, approved by its own requester (an operator): the smallest command that asks first. */
export const selfApprovedPause: CommandSpec<null> = {
  verb: 'pause',
  role: 'operator',
  usage: '/mm2 pause',
  summary: 'pause',
  approval: 'self',
  parse: () => ({ ok: true, args: null }),
  run: async () => ({ text: 'paused', blocks: [] }),
};

export interface ApprovalFixtureOptions<C extends Clock> {
  /** Default a FakeClock the test moves by hand. */
  clock?: C;
  store?: StateStore;
  /** How long a request stays open (default 10 minutes). */
  ttlMs?: number;
  /** Run engine settings (heartbeat, interrupted-after, retention, metrics, redact). */
  engine?: Partial<Omit<RunEngineDeps, 'approvals' | 'clock' | 'audit'>>;
}

/**
 * The real Approvals use case and run engine over the in-memory store, every user an approver, every
 * audit record kept in `audit` (both write there, as in the bot). `approved()` opens a request and
 * approves it as U2BB through the engine, so it is ready to run.
 */
export function approvalFixture<C extends Clock = FakeClock>(options: ApprovalFixtureOptions<C> = {}) {
  const clock = options.clock ?? (new FakeClock() as unknown as C);
  const store = options.store ?? new MemoryStateStore();
  const audit: AuditInput[] = [];
  const appendAudit = { append: async (record: AuditInput) => void audit.push(record) };
  const roles = { highestRole: async () => 'approver' as const };
  const approvals = new Approvals({
    store,
    clock,
    roles,
    audit: appendAudit,
    ttlMs: options.ttlMs ?? 600_000,
  });
  const engine = createRunEngine({
    approvals,
    audit: appendAudit,
    clock,
    log: quietLog,
    redact: (s) => s,
    ...options.engine,
  });
  const ask = (overrides: Partial<NewApproval> = {}) => approvals.request(newApproval(overrides));
  const approved = async (overrides: Partial<NewApproval> = {}) => {
    const request = await ask(overrides);
    const decision = await engine.decide(request.id, 'U2BB', 'approve');
    if (decision.kind !== 'execute') throw new Error(`expected execute, got ${decision.kind}`);
    return decision.request;
  };
  /** A dispatcher over these approvals and this engine, serving channel C1. */
  const dispatcher = (specs: AnyCommandSpec[]) =>
    new Dispatcher({
      specs,
      roles,
      approvals,
      runs: engine,
      audit: appendAudit,
      allowedChannels: ['C1'],
      clock,
      log: quietLog,
      redact: (s) => s,
    });
  return { clock, store, audit, approvals, engine, ask, approved, dispatcher };
}
