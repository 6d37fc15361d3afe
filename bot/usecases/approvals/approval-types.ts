import type { Role } from '../../domain/roles';
import type { MessageRef } from '../../ports/chat-surface';

/** `self`: the requester confirms their own action. `peer`: another person holding `approver` decides. */
export type ApprovalMode = 'self' | 'peer';

export type ApprovalStatus = 'pending' | 'approved' | 'rejected' | 'expired' | 'done' | 'failed';

/** One request, as stored (`approvals/<id>.json`) and shown. Times are ISO 8601 (UTC). */
export interface ApprovalRequest {
  id: string;
  command: string;
  /** The arguments as typed; kept unredacted because they are needed to run the command. */
  args: string[];
  summary: string;
  requester: string;
  channel: string;
  mode: ApprovalMode;
  /** The role the command needs; a self-confirming requester must still hold it. */
  role: Role;
  createdAt: string;
  expiresAt: string;
  status: ApprovalStatus;
  decidedBy?: string;
  decidedAt?: string;
  completedAt?: string;
  /** While an approved command runs, its runner stamps this regularly; a stale stamp means it died. */
  heartbeatAt?: string;
  /** Set by the sweep that presumed the runner dead; a runner still alive then records its own outcome. */
  interruptedAt?: string;
  /** `runner`: the outcome is the run's own (not the sweep's presumption). */
  completedBy?: 'runner';
  /**
   * A digest of what the approver was shown (e.g. the rendered connector configs). At execution the
   * command refuses to act when what it would apply no longer has this digest.
   */
  digest?: string;
  message?: MessageRef;
  /**
   * The thread (its root ts, in `channel`) the request's message is posted in, known and stored
   * before the post: the sweep then finds a reply whose ts was never recorded there. Absent: the
   * message is top-level.
   */
  thread?: string;
  /** After execution: a short, redacted result text. */
  outcome?: string;
  correlationId: string;
}

/** What opening a request takes: the request's own fields, before it has an id, times and a status. */
export interface NewApproval extends Pick<
  ApprovalRequest,
  'command' | 'args' | 'summary' | 'requester' | 'channel' | 'mode' | 'correlationId' | 'digest' | 'thread'
> {
  /** Default `operator` (mutating commands). */
  role?: Role;
}

/** What a click leads to. Only `execute` runs the command, and only one click ever gets it. */
export type Decision =
  | { kind: 'execute'; request: ApprovalRequest }
  | { kind: 'rejected'; request: ApprovalRequest }
  | { kind: 'refused'; reason: string; request: ApprovalRequest }
  | { kind: 'already-decided'; request: ApprovalRequest }
  | { kind: 'expired'; request: ApprovalRequest };
