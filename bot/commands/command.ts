import type { Role } from '../domain/roles';

/** A Block Kit message: `text` is the notification/fallback text, `blocks` the layout. */
export interface View {
  text: string;
  blocks: Block[];
}
// Block Kit objects are plain JSON built by pure functions in bot/views.
export type Block = Record<string, unknown> & { type: string };

export interface FileAttachment {
  filename: string;
  title: string;
  content: string | Buffer;
  /** Images: what the picture shows, for screen readers (Slack's alt text). */
  altText?: string;
  /** Posted with the file as its comment (e.g. a snapshot's one line per series). */
  comment?: string;
}

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
}

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
  /** Which backends it needs, so an unreachable one can be named. */
  needs?: Array<'connect' | 'prometheus' | 'kafka' | 'aws' | 'grafana'>;
  parse(args: string[]): Parsed<A>;
  /** A one-line description of what will be done, shown on the approval request. */
  describe?(args: A): string;
  /**
   * For commands with an approval: what would happen (e.g. a validated, redacted diff), shown on the
   * approval request. `nothingToDo` skips the approval and ends with this view (e.g. "no change").
   */
  preview?(ctx: CommandContext, args: A): Promise<View & { nothingToDo?: boolean }>;
  /**
   * Views and progress texts need no redaction pass of their own: every surface redacts what it shows
   * (fitToSlack), and the audit redacts what it stores.
   */
  run(ctx: CommandContext, args: A): Promise<View>;
}

/** A spec of any argument type, for registries that hold many commands. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each spec parses its own argument type
export type AnyCommandSpec = CommandSpec<any>;
