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

/** A reply that must appear once per thread (the resolution line): found again after a crash. */
export type ReplyKind = 'resolved';
const ALERT_REPLY = 'mm2_alert_reply';
const replyMark = (mark: RootMark, kind: ReplyKind): MessageMark => ({
  type: ALERT_REPLY,
  fields: { key: mark.key, opened_at: mark.openedAt, kind },
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
  /** Posts a once-per-thread reply carrying its mark, unless the thread has it already (a retry). */
  postOnceInThread: async (
    channel: string,
    ts: string,
    view: View,
    once: { mark: RootMark; kind: ReplyKind; retry: boolean },
  ): Promise<void> => {
    const mark = replyMark(once.mark, once.kind);
    if (once.retry && (await messenger.findInThread(channel, ts, mark)) !== undefined) return;
    await messenger.post(channel, view, ts, mark);
  },
  updateRoot: (channel: string, ts: string, view: View): Promise<void> => messenger.update(channel, ts, view),
});
