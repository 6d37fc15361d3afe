import type { ChannelMessenger, MessageMark } from '../../ports/channel-messenger';
import type { View } from '../../views/view';

/** Identifies one opening of one problem's thread; carried by the root as Slack message metadata. */
export interface RootMark {
  key: string;
  openedAt: number;
}

const ALERT_ROOT = 'mm2_alert_root';
const alertMark = (mark: RootMark): MessageMark => ({
  type: ALERT_ROOT,
  fields: { key: mark.key, opened_at: mark.openedAt },
});

/** One Slack thread per problem, over the channel messenger. */
export const alertThread = (messenger: ChannelMessenger) => ({
  /** Posts the root message carrying `mark`; resolves with its ts (the thread id). */
  postRoot: (channel: string, view: View, mark: RootMark): Promise<string> =>
    messenger.post(channel, view, undefined, alertMark(mark)),
  /**
   * The ts of a root posted earlier with this mark, if the channel has it: a root the bot may have
   * posted before it crashed, not yet recorded. Found again instead of being posted twice.
   */
  findRoot: (channel: string, mark: RootMark): Promise<string | undefined> =>
    messenger.findMarked(channel, alertMark(mark), mark.openedAt),
  postInThread: async (channel: string, ts: string, view: View): Promise<void> =>
    void (await messenger.post(channel, view, ts)),
  updateRoot: (channel: string, ts: string, view: View): Promise<void> => messenger.update(channel, ts, view),
});
