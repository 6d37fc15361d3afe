import type { WebClient } from '@slack/web-api';
import type { ChannelMessenger, MessageMark } from '../ports/channel-messenger';
import { slackSurface } from './slack-surface';

/** conversations.history pages read when looking for a marked message (newest first). */
const MAX_HISTORY_PAGES = 5;
/** conversations.replies pages (200 replies each) read when looking for a marked reply. */
const MAX_REPLY_PAGES = 5;

interface HistoryMessage {
  ts?: string;
  thread_ts?: string;
  metadata?: { event_type?: string; event_payload?: Record<string, unknown> };
}

const carries = (m: HistoryMessage, mark: MessageMark): boolean =>
  m.metadata?.event_type === mark.type &&
  Object.entries(mark.fields).every(([k, v]) => m.metadata?.event_payload?.[k] === v);

/** ChannelMessenger over the bot's WebClient, with the same redaction and limits as replies. */
export function slackMessenger(client: WebClient, redact: <T>(v: T) => T): ChannelMessenger {
  const surface = (channel: string, threadTs?: string, mark?: MessageMark) =>
    slackSurface(
      {
        client,
        channel,
        user: '',
        threadTs,
        ...(mark ? { metadata: { event_type: mark.type, event_payload: mark.fields } } : {}),
      },
      redact,
    );
  return {
    post: async (channel, view, threadTs, mark) => (await surface(channel, threadTs, mark).post(view)).ts,
    update: (channel, ts, view) => surface(channel).update({ channel, ts }, view),
    attach: (channel, file, threadTs) => surface(channel, threadTs).attach(file),
    findMarked: async (channel, mark, sinceMs) => {
      let cursor: string | undefined;
      for (let page = 0; page < MAX_HISTORY_PAGES; page++) {
        const res = await client.conversations.history({
          channel,
          oldest: ((sinceMs - 1000) / 1000).toFixed(6),
          include_all_metadata: true,
          limit: 200,
          ...(cursor ? { cursor } : {}),
        });
        const found = ((res.messages ?? []) as HistoryMessage[]).find((m) => carries(m, mark));
        if (found?.ts) return found.ts;
        cursor = res.response_metadata?.next_cursor || undefined;
        if (!cursor) return undefined;
      }
      return undefined;
    },
    findInThread: async (channel, threadTs, mark) => {
      let cursor: string | undefined;
      for (let page = 0; page < MAX_REPLY_PAGES; page++) {
        const res = await client.conversations.replies({
          channel,
          ts: threadTs,
          include_all_metadata: true,
          limit: 200,
          ...(cursor ? { cursor } : {}),
        });
        // The parent heads every page; only replies count.
        const replies = ((res.messages ?? []) as HistoryMessage[]).filter((m) => m.ts !== threadTs);
        const found = replies.find((m) => carries(m, mark));
        if (found?.ts) return found.ts;
        cursor = res.response_metadata?.next_cursor || undefined;
        if (!cursor) return undefined;
      }
      return undefined;
    },
  };
}
