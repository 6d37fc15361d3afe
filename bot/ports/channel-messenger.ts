import type { FileAttachment, View } from '../views/view';

/** Posting to a channel on the bot's own initiative (scheduled reports, alert threads). */
export interface ChannelMessenger {
  /** Resolves with the message ts; `threadTs` posts inside a thread. */
  post(channel: string, view: View, threadTs?: string): Promise<string>;
  update(channel: string, ts: string, view: View): Promise<void>;
  attach(channel: string, file: FileAttachment, threadTs?: string): Promise<void>;
}
