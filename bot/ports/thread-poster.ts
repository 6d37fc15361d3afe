import type { View } from '../views/view';

/** Identifies one opening of one problem's thread; carried by the root (Slack message metadata). */
export interface RootMark {
  key: string;
  openedAt: number;
}

/** One Slack thread per problem (the alert watcher's); wiring/posters.ts puts it over the ChannelMessenger. */
export interface ThreadPoster {
  /** Posts the root message carrying `mark`; resolves with its ts (the thread id). */
  postRoot(channel: string, view: View, mark: RootMark): Promise<string>;
  /**
   * The ts of a root posted earlier with this mark, if the channel has it: a root the bot may have
   * posted before it crashed, not yet recorded. Found again instead of being posted twice.
   */
  findRoot(channel: string, mark: RootMark): Promise<string | undefined>;
  postInThread(channel: string, ts: string, view: View): Promise<void>;
  updateRoot(channel: string, ts: string, view: View): Promise<void>;
}
