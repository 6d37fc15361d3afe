import type { Clock } from '../domain/clock';
import type { InFlight } from '../domain/in-flight';
import type { Role } from '../domain/roles';
import type { AuditInput } from '../ports/audit-log';
import type { CommandMetrics } from '../ports/command-metrics';
import type { Logger } from '../ports/logger';
import type { MessageRef } from '../ports/chat-surface';
import type { ApprovalShape } from '../views/core/approval-views';
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

export type ApprovalDecision =
  | {
      kind: 'execute';
      request: ApprovalShape & { channel: string; correlationId: string; message?: MessageRef };
    }
  | { kind: 'rejected' | 'already-decided' | 'expired'; request: ApprovalShape & { message?: MessageRef } }
  | { kind: 'refused'; reason: string; request: ApprovalShape & { message?: MessageRef } };

export interface ApprovalGate {
  request(input: {
    command: string;
    args: string[];
    summary: string;
    requester: string;
    channel: string;
    mode: 'self' | 'peer';
    correlationId: string;
    role: Role;
  }): Promise<ApprovalShape>;
  attachMessage(id: string, message: MessageRef): Promise<void>;
  decide(id: string, userId: string, decision: 'approve' | 'reject'): Promise<ApprovalDecision>;
  complete(id: string, outcome: { ok: boolean; text: string }): Promise<ApprovalShape>;
  /** The approved command is still running (a request that stops beating is failed as interrupted). */
  heartbeat(id: string): Promise<void>;
}

export interface DispatcherDeps {
  specs: AnyCommandSpec[];
  roles: RoleLookup;
  approvals: ApprovalGate;
  audit: AuditAppender;
  allowedChannels: string[];
  clock: Clock;
  log: Logger;
  metrics?: CommandMetrics;
  redact(text: string): string;
  /** How often a running approved command says it is alive (default 30 s). */
  heartbeatMs?: number;
  /** Commands and approved runs in progress, awaited at shutdown. */
  inFlight?: InFlight;
}
