import type { WebClient } from '@slack/web-api';
import type { ChannelMessenger } from '../ports/channel-messenger';
import { slackSurface } from './slack-surface';

/** ChannelMessenger over the bot's WebClient, with the same redaction and limits as replies. */
export function slackMessenger(client: WebClient, redact: <T>(v: T) => T): ChannelMessenger {
  const surface = (channel: string, threadTs?: string) =>
    slackSurface({ client, channel, user: '', threadTs }, redact);
  return {
    post: async (channel, view, threadTs) => (await surface(channel, threadTs).post(view)).ts,
    update: (channel, ts, view) => surface(channel).update({ channel, ts }, view),
    attach: (channel, file, threadTs) => surface(channel, threadTs).attach(file),
  };
}
