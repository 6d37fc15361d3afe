import type { ChannelMessenger, MessageMark } from '../ports/channel-messenger';
import type { RootMark, ThreadPoster } from '../ports/thread-poster';
import type { Poster } from '../ports/reports';

/** The report and alert use cases' narrow posting ports, over whichever messenger runs (Slack or console). */
export const reportPoster = (messenger: ChannelMessenger): Poster => ({
  post: async (channel, view) => void (await messenger.post(channel, view)),
  attach: (channel, file) => messenger.attach(channel, file),
});

const ALERT_ROOT = 'mm2_alert_root';
const alertMark = (mark: RootMark): MessageMark => ({
  type: ALERT_ROOT,
  fields: { key: mark.key, opened_at: mark.openedAt },
});

export const threadPoster = (messenger: ChannelMessenger): ThreadPoster => ({
  postRoot: (channel, view, mark) => messenger.post(channel, view, undefined, alertMark(mark)),
  findRoot: (channel, mark) => messenger.findMarked(channel, alertMark(mark), mark.openedAt),
  postInThread: async (channel, ts, view) => void (await messenger.post(channel, view, ts)),
  updateRoot: (channel, ts, view) => messenger.update(channel, ts, view),
});
