import type { ChannelMessenger } from '../ports/channel-messenger';
import type { ThreadPoster } from '../ports/thread-poster';
import type { Poster } from '../ports/reports';

/** The report and alert use cases' narrow posting ports, over whichever messenger runs (Slack or console). */
export const reportPoster = (messenger: ChannelMessenger): Poster => ({
  post: async (channel, view) => void (await messenger.post(channel, view)),
  attach: (channel, file) => messenger.attach(channel, file),
});

export const threadPoster = (messenger: ChannelMessenger): ThreadPoster => ({
  postRoot: (channel, view) => messenger.post(channel, view),
  postInThread: async (channel, ts, view) => void (await messenger.post(channel, view, ts)),
  updateRoot: (channel, ts, view) => messenger.update(channel, ts, view),
});
