import type { WebClient } from '@slack/web-api';
import type { ChannelMessenger, MessageMark } from '../ports/channel-messenger';
import { slackSurface } from './slack-surface';

/** Pages (200 messages each) of conversations.history or conversations.replies read looking for a mark. */
const MAX_PAGES = 5;

interface HistoryMessage {
  ts?: string;
  thread_ts?: string;
  metadata?: { event_type?: string; event_payload?: Record<string, unknown> };
}

const carries = (m: HistoryMessage, mark: MessageMark): boolean =>
  m.metadata?.event_type === mark.type &&
  Object.entries(mark.fields).every(([k, v]) => m.metadata?.event_payload?.[k] === v);

interface MessagesPage {
  messages?: unknown[];
  response_metadata?: { next_cursor?: string };
}

/** The ts of the first message carrying `mark` (and not `skipTs`) over up to MAX_PAGES cursor pages. */
async function firstMarked(
  page: (cursor: string | undefined) => Promise<MessagesPage>,
  mark: MessageMark,
  skipTs?: string,
): Promise<string | undefined> {
  let cursor: string | undefined;
  for (let n = 0; n < MAX_PAGES; n++) {
    const res = await page(cursor);
    const found = ((res.messages ?? []) as HistoryMessage[]).find((m) => m.ts !== skipTs && carries(m, mark));
    if (found?.ts) return found.ts;
    cursor = res.response_metadata?.next_cursor || undefined;
    if (!cursor) return undefined;
  }
  return undefined;
}

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
    findMarked: (channel, mark, sinceMs) =>
      firstMarked(
        (cursor) =>
          client.conversations.history({
            channel,
            oldest: ((sinceMs - 1000) / 1000).toFixed(6),
            include_all_metadata: true,
            limit: 200,
            ...(cursor ? { cursor } : {}),
          }),
        mark,
      ),
    // The parent heads every page of replies; only replies count.
    findInThread: (channel, threadTs, mark) =>
      firstMarked(
        (cursor) =>
          client.conversations.replies({
            channel,
            ts: threadTs,
            include_all_metadata: true,
            limit: 200,
            ...(cursor ? { cursor } : {}),
          }),
        mark,
        threadTs,
      ),
  };
}
