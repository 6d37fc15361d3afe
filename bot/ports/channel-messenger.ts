import type { FileAttachment, View } from '../views/view';

/**
 * A label the bot attaches to a message it posts (Slack message metadata), so that after a crash
 * between posting and recording the post, the message can be found again instead of posted twice.
 */
export interface MessageMark {
  type: string;
  fields: Record<string, string | number>;
}

/** Posting to a channel on the bot's own initiative (scheduled reports, alert threads). */
export interface ChannelMessenger {
  /** Resolves with the message ts; `threadTs` posts inside a thread; `mark` labels the message. */
  post(channel: string, view: View, threadTs?: string, mark?: MessageMark): Promise<string>;
  update(channel: string, ts: string, view: View): Promise<void>;
  attach(channel: string, file: FileAttachment, threadTs?: string): Promise<void>;
  /** The ts of a top-level message the bot posted since `sinceMs` carrying exactly this mark, if any. */
  findMarked(channel: string, mark: MessageMark, sinceMs: number): Promise<string | undefined>;
  /** The ts of a reply the bot posted in the thread `threadTs` carrying exactly this mark, if any. */
  findInThread(channel: string, threadTs: string, mark: MessageMark): Promise<string | undefined>;
}
