import type { Clock } from '../domain/clock';
import type { InFlight } from '../domain/in-flight';
import type { Role } from '../domain/roles';
import type { AuditInput } from '../ports/audit-log';
import type { CommandMetrics } from '../ports/command-metrics';
import type { Logger } from '../ports/logger';
import type { Approvals } from '../usecases/approvals/approvals';
import type { RunEngine } from '../usecases/approvals/run-engine';
import type { AnyCommandSpec } from './command';

/** What the dispatcher needs from the role, approval and audit use cases (narrow on purpose). */
export interface RoleLookup {
  highestRole(userId: string): Promise<Role | undefined>;
  /** Why the role may be lower than configured right now (a user group that cannot be checked). */
  unverified?(userId: string): Promise<string | undefined>;
}

export interface AuditAppender {
  append(entry: AuditInput): Promise<unknown>;
}

/** Opening a request; deciding and running it is the run engine's. */
export type ApprovalGate = Pick<Approvals, 'request' | 'attachMessage'>;

export interface DispatcherDeps {
  specs: AnyCommandSpec[];
  roles: RoleLookup;
  approvals: ApprovalGate;
  /** Decides clicks and runs approved commands (heartbeat, outcome, audit). */
  runs: RunEngine;
  audit: AuditAppender;
  allowedChannels: string[];
  clock: Clock;
  log: Logger;
  metrics?: CommandMetrics;
  redact(text: string): string;
  /** Commands and approved runs in progress, awaited at shutdown. */
  inFlight?: InFlight;
  /**
   * Refusals from channels the bot does not serve, per user: answered and audited up to `limit` per
   * `windowMs` (default 5 a minute), then dropped, so no one can flood the audit trail.
   */
  outsideRefusals?: { limit: number; windowMs: number };
}
