// response_url endpoints: one per slash command or interaction, tied to its user and channel, usable a
// few times within 30 minutes (Slack: 5 times). A post adds an ephemeral (default) or in-channel message,
// or with replace_original / delete_original changes the message the URL is about: the clicked message for
// an interaction, else the last message posted through the same URL.

import { bool } from './coerce';
import type { Ids } from './ids';
import { readMessageContent } from './message-content';
import type { Recording } from './recording';
import type { ResponseUrlPost, StoredMessage } from './types';

export interface ResponseUrlEntry {
  url: string;
  origin: ResponseUrlPost['origin'];
  channel: string;
  user: string;
  target?: StoredMessage;
  uses: number;
  createdAt: number;
}

export interface ResponseUrlAnswer {
  status: number;
  body: Record<string, unknown>;
}

export interface ResponseUrlLimits {
  maxUses: number;
  ttlMs: number;
}

export class ResponseUrls {
  private readonly entries = new Map<string, ResponseUrlEntry>();

  constructor(
    private readonly recording: Recording,
    private readonly ids: Ids,
    private readonly limits: ResponseUrlLimits,
  ) {}

  create(baseUrl: string, init: Omit<ResponseUrlEntry, 'url' | 'uses' | 'createdAt'>): string {
    const kind = init.origin === 'slash_commands' ? 'commands' : 'actions';
    const key = `${this.ids.next('')}/${this.ids.secret()}`;
    const url = `${baseUrl}/${kind}/${key}`;
    this.entries.set(`/${kind}/${key}`, { ...init, url, uses: 0, createdAt: Date.now() });
    return url;
  }

  owns(path: string): boolean {
    return path.startsWith('/commands/') || path.startsWith('/actions/');
  }

  post(path: string, body: Record<string, unknown>): ResponseUrlAnswer {
    const entry = this.entries.get(path);
    if (entry === undefined || Date.now() - entry.createdAt > this.limits.ttlMs) {
      return this.refuse(entry, path, body, 404, 'expired_url');
    }
    if (entry.uses >= this.limits.maxUses) return this.refuse(entry, path, body, 404, 'used_url');
    entry.uses += 1;
    if (bool(body.delete_original)) {
      if (entry.target !== undefined) this.recording.deleteMessage(entry.target);
      return this.accept(entry, body, entry.target?.ts);
    }
    const v = readMessageContent(body, { requireContent: true });
    if (!v.ok) return this.refuse(entry, path, body, 400, v.error, v.messages);
    if (bool(body.replace_original) && entry.target !== undefined && !entry.target.deleted) {
      this.recording.updateMessage(entry.target, v.content, 'response_url');
      return this.accept(entry, body, entry.target.ts);
    }
    const inChannel = body.response_type === 'in_channel';
    const threadTs = typeof body.thread_ts === 'string' && body.thread_ts !== '' ? body.thread_ts : undefined;
    const msg = this.recording.addMessage({
      channel: entry.channel,
      ts: this.ids.ts(),
      ephemeral: !inChannel,
      ...(inChannel ? {} : { visibleTo: entry.user }),
      ...(threadTs !== undefined ? { threadTs } : {}),
      content: v.content,
      via: 'response_url',
    });
    entry.target = msg;
    return this.accept(entry, body, msg.ts);
  }

  private accept(
    entry: ResponseUrlEntry,
    body: Record<string, unknown>,
    ts: string | undefined,
  ): ResponseUrlAnswer {
    this.recording.addResponseUrlPost({
      url: entry.url,
      origin: entry.origin,
      channel: entry.channel,
      user: entry.user,
      body,
      status: 200,
      ...(ts !== undefined ? { ts } : {}),
      at: Date.now(),
    });
    return { status: 200, body: { ok: true } };
  }

  private refuse(
    entry: ResponseUrlEntry | undefined,
    path: string,
    body: Record<string, unknown>,
    status: number,
    error: string,
    messages?: string[],
  ): ResponseUrlAnswer {
    this.recording.addResponseUrlPost({
      url: entry?.url ?? path,
      origin: entry?.origin ?? (path.startsWith('/commands/') ? 'slash_commands' : 'block_actions'),
      channel: entry?.channel ?? '',
      user: entry?.user ?? '',
      body,
      status,
      error,
      at: Date.now(),
    });
    const answer: Record<string, unknown> = { ok: false, error };
    if (messages !== undefined) answer.response_metadata = { messages };
    return { status, body: answer };
  }

  clear(): void {
    this.entries.clear();
  }
}
