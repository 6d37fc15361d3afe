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
  const cursor = str(args.cursor);
  let offset = 0;
  if (cursor !== undefined && cursor !== '') {
    const decoded = Number(
      Buffer.from(cursor, 'base64')
        .toString('utf8')
        .replace(/^offset:/, ''),
    );
    if (!Number.isInteger(decoded) || decoded < 0) return { ok: false, error: 'invalid_cursor' };
    offset = decoded;
  }
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
