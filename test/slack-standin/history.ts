// Message metadata (chat.postMessage `metadata`) and conversations.history, as Slack answers them.

import { str } from './coerce';
import type { MessageMetadata, StoredMessage } from './types';

type Args = Record<string, unknown>;

/** `metadata` as the WebClient sends it (a JSON string in a form body, an object in JSON). */
export function readMetadata(
  raw: unknown,
): { ok: true; metadata?: MessageMetadata } | { ok: false; error: string } {
  if (raw === undefined || raw === '') return { ok: true };
  let value: unknown = raw;
  if (typeof raw === 'string') {
    try {
      value = JSON.parse(raw);
    } catch {
      return { ok: false, error: 'invalid_metadata_format' };
    }
  }
  const m = value as { event_type?: unknown; event_payload?: unknown };
  if (
    typeof value !== 'object' ||
    value === null ||
    typeof m.event_type !== 'string' ||
    m.event_type === ''
  ) {
    return { ok: false, error: 'invalid_metadata_format' };
  }
  if (typeof m.event_payload !== 'object' || m.event_payload === null || Array.isArray(m.event_payload)) {
    return { ok: false, error: 'invalid_metadata_schema' };
  }
  return {
    ok: true,
    metadata: { event_type: m.event_type, event_payload: m.event_payload as Record<string, unknown> },
  };
}

/** The cursor both pagers hand out: an opaque base64 of the offset of the next page. */
const readCursor = (cursor: string | undefined): number | undefined => {
  if (cursor === undefined || cursor === '') return 0;
  const decoded = Number(
    Buffer.from(cursor, 'base64')
      .toString('utf8')
      .replace(/^offset:/, ''),
  );
  return Number.isInteger(decoded) && decoded >= 0 ? decoded : undefined;
};

const truthy = (v: unknown) => v === true || v === 'true' || v === '1' || v === 1;

/**
 * One page of a channel's top-level messages, newest first, like conversations.history: `oldest` /
 * `latest` bound the ts (exclusive unless `inclusive`), `limit` (default 100, at most 999) and an opaque
 * `cursor` page; metadata only with `include_all_metadata`. Thread replies and ephemerals are not listed.
 */
export function historyPage(
  messages: StoredMessage[],
  args: Args,
  toJson: (m: StoredMessage) => Record<string, unknown>,
): Record<string, unknown> & { ok: boolean } {
  const oldest = Number(str(args.oldest) ?? '0');
  const latest = args.latest === undefined ? Infinity : Number(str(args.latest));
  if (!Number.isFinite(oldest) || Number.isNaN(latest)) return { ok: false, error: 'invalid_arguments' };
  const inclusive = truthy(args.inclusive);
  const limit = Math.min(Math.max(Number(str(args.limit) ?? '100') || 100, 1), 999);
  const offset = readCursor(str(args.cursor));
  if (offset === undefined) return { ok: false, error: 'invalid_cursor' };
  const withMetadata = truthy(args.include_all_metadata);
  const listed = messages
    .filter((m) => !m.ephemeral && !m.deleted && (m.threadTs === undefined || m.threadTs === m.ts))
    .filter((m) => {
      const ts = Number(m.ts);
      return (inclusive ? ts >= oldest : ts > oldest) && (inclusive ? ts <= latest : ts < latest);
    })
    .sort((a, b) => Number(b.ts) - Number(a.ts));
  const page = listed.slice(offset, offset + limit);
  const more = offset + limit < listed.length;
  return {
    ok: true,
    messages: page.map((m) => {
      const json = toJson(m);
      if (!withMetadata) delete json.metadata;
      return json;
    }),
    has_more: more,
    pin_count: 0,
    response_metadata: {
      next_cursor: more ? Buffer.from(`offset:${offset + limit}`).toString('base64') : '',
    },
  };
}

/**
 * One page of a thread, like conversations.replies: `channel` and `ts` required (`ts` of the parent or
 * of any reply in it); the parent first, then the replies oldest first; `oldest` / `latest` bound the
 * replies' ts (exclusive unless `inclusive`); `limit` (default 1000, at most 1000) and an opaque
 * `cursor` page through the replies, the parent heading every page as Slack does; metadata only with
 * `include_all_metadata`. Errors: `channel_not_found` (no channel, or one with no messages),
 * `thread_not_found` (no such message, deleted or ephemeral), `invalid_cursor`, `invalid_ts_oldest`,
 * `invalid_ts_latest`.
 */
export function repliesPage(
  messages: StoredMessage[],
  args: Args,
  toJson: (m: StoredMessage) => Record<string, unknown>,
): Record<string, unknown> & { ok: boolean } {
  const channel = str(args.channel);
  const inChannel = messages.filter((m) => m.channel === channel && !m.ephemeral);
  if (channel === undefined || channel === '' || inChannel.length === 0)
    return { ok: false, error: 'channel_not_found' };
  const ts = str(args.ts);
  const named = ts === undefined ? undefined : inChannel.find((m) => m.ts === ts && !m.deleted);
  if (named === undefined) return { ok: false, error: 'thread_not_found' };
  const parentTs = named.threadTs ?? named.ts;
  const parent = inChannel.find((m) => m.ts === parentTs && !m.deleted);
  if (parent === undefined) return { ok: false, error: 'thread_not_found' };
  const oldest = Number(str(args.oldest) ?? '0');
  if (!Number.isFinite(oldest)) return { ok: false, error: 'invalid_ts_oldest' };
  const latest = args.latest === undefined ? Infinity : Number(str(args.latest));
  if (Number.isNaN(latest)) return { ok: false, error: 'invalid_ts_latest' };
  const offset = readCursor(str(args.cursor));
  if (offset === undefined) return { ok: false, error: 'invalid_cursor' };
  const inclusive = truthy(args.inclusive);
  const limit = Math.min(Math.max(Number(str(args.limit) ?? '1000') || 1000, 1), 1000);
  const replies = inChannel
    .filter((m) => !m.deleted && m.threadTs === parentTs && m.ts !== parentTs)
    .sort((a, b) => Number(a.ts) - Number(b.ts));
  const listed = replies.filter((m) => {
    const t = Number(m.ts);
    return (inclusive ? t >= oldest : t > oldest) && (inclusive ? t <= latest : t < latest);
  });
  const page = listed.slice(offset, offset + limit);
  const more = offset + limit < listed.length;
  const withMetadata = truthy(args.include_all_metadata);
  const json = (m: StoredMessage, extra: Record<string, unknown>) => {
    const out = { ...toJson(m), ...extra };
    if (!withMetadata) delete out.metadata;
    return out;
  };
  const threadFields =
    replies.length === 0
      ? {}
      : {
          thread_ts: parentTs,
          reply_count: replies.length,
          latest_reply: replies.at(-1)!.ts,
        };
  return {
    ok: true,
    messages: [json(parent, threadFields), ...page.map((m) => json(m, { thread_ts: parentTs }))],
    has_more: more,
    response_metadata: {
      next_cursor: more ? Buffer.from(`offset:${offset + limit}`).toString('base64') : '',
    },
  };
}
