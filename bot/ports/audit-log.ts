/** What happened to an invocation or an approval. Open-ended so new flows can add their own. */
export type AuditOutcome =
  | 'ok'
  | 'refused'
  | 'error'
  | 'requested'
  | 'approved'
  | 'rejected'
  | 'expired'
  | 'done'
  | 'failed'
  | (string & {});

export interface AuditInput {
  user: string;
  channel: string;
  command: string;
  args: string[];
  outcome: AuditOutcome;
  correlationId: string;
  /** e.g. a diff or the reason of a refusal. Redacted on append, like `args`. */
  detail?: string;
}

/** One append-only record. `time` is ISO 8601 (UTC); `id` sorts by time. */
export interface AuditRecord extends AuditInput {
  id: string;
  time: string;
}

/** One page of the trail, newest first; `before` is the cursor of the next (older) page, if any. */
export interface AuditPage {
  records: AuditRecord[];
  before?: string;
}

export interface AuditLog {
  /** Redacts, then stores a new record; never overwrites one. */
  append(input: AuditInput): Promise<AuditRecord>;
  /** The newest `n` records, newest first. */
  recent(n: number): Promise<AuditRecord[]>;
  /** The newest `n` records older than the record id `before` (none: from the newest). */
  page(n: number, before?: string): Promise<AuditPage>;
}
