import type { Role } from '../domain/roles';
import type { FileAttachment, View } from '../views/view';

/** How a running command talks back: one message, updated in place. */
export interface Reply {
  /** Post or update the progress message (the same message every time). */
  progress(text: string): Promise<void>;
  /** Replace the progress message with the final view (or post it). */
  done(view: View): Promise<void>;
  /** Upload a file to the channel, e.g. a CSV with the full table. */
  attach(file: FileAttachment): Promise<void>;
}

export interface CommandContext {
  user: string;
  channel: string;
  correlationId: string;
  reply: Reply;
  /**
   * In an approved run: call before each side effect; throws once the run may no longer act (the
   * request was declared interrupted meanwhile). Absent outside approved runs.
   */
  checkpoint?: () => Promise<void>;
  /** In an approved run: the digest of what the approver was shown (see CommandSpec.preview). */
  approvedDigest?: string;
}

/**
 * An approval request's content. `digest` names what it shows (e.g. the rendered configs): it is stored
 * with the request, and `run` refuses to apply anything whose digest differs (`APPROVAL_STALE`).
 */
export type Preview = View & { nothingToDo?: boolean; digest?: string };

export type Parsed<A> = { ok: true; args: A } | { ok: false; error: string };

export interface CommandSpec<A = unknown> {
  verb: string;
  role: Role;
  /** One line, e.g. `/mm2 lag [topic regex]`. */
  usage: string;
  summary: string;
  /** Mutating commands go through an approval: self-confirmation or a peer approver. */
  approval?: 'self' | 'peer';
  /** `ephemeral`: the answer is for the caller only (e.g. help), not the channel. */
  visibility?: 'ephemeral';
  parse(args: string[]): Parsed<A>;
  /** A one-line description of what will be done, shown on the approval request. */
  describe?(args: A): string;
  /**
   * For commands with an approval: what would happen (e.g. a validated, redacted diff), shown on the
   * approval request. `nothingToDo` skips the approval and ends with this view (e.g. "no change").
   */
  preview?(ctx: CommandContext, args: A): Promise<Preview>;
  /**
   * Views and progress texts need no redaction pass of their own: every surface redacts what it shows
   * (fitToSlack), and the audit redacts what it stores.
   */
  run(ctx: CommandContext, args: A): Promise<View>;
}

/** A spec of any argument type, for registries that hold many commands. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each spec parses its own argument type
export type AnyCommandSpec = CommandSpec<any>;
