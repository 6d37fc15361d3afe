import type { View } from '../views/view';

/** One Slack thread per problem (the alert watcher's); wiring/posters.ts puts it over the ChannelMessenger. */
export interface ThreadPoster {
  /** Posts the root message; resolves with its ts (the thread id). */
  postRoot(channel: string, view: View): Promise<string>;
  postInThread(channel: string, ts: string, view: View): Promise<void>;
  updateRoot(channel: string, ts: string, view: View): Promise<void>;
}
