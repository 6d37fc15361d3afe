// The Web API methods the bot uses, answering like Slack: HTTP 200 with `{ok:true,...}` or `{ok:false,error}`.

import { str } from './coerce';
import { historyPage, readMetadata, repliesPage } from './history';
import type { Ids } from './ids';
import { readMessageContent } from './message-content';
import type { Recording } from './recording';
import type { StoredFile, StoredMessage } from './types';
import { userName, type Workspace } from './workspace';

export type ApiResult = Record<string, unknown> & { ok: boolean };

export interface MethodContext {
  recording: Recording;
  ids: Ids;
  workspace: Workspace;
  baseUrl: string;
  /** Issues a one-use Socket Mode ticket and returns the ws URL carrying it. */
  openSocketUrl(): string;
  /** Upload URL secret -> file id, for the POST of the bytes. */
  uploadUrls: Map<string, string>;
}

type Args = Record<string, unknown>;
type Method = (args: Args, ctx: MethodContext) => ApiResult;

const fail = (error: string, extra: Record<string, unknown> = {}): ApiResult => ({
  ok: false,
  error,
  ...extra,
});

function contentOrFail(args: Args, requireContent: boolean): ReturnType<typeof readMessageContent> {
  return readMessageContent(args, { requireContent });
}

function contentError(v: { ok: false; error: string; messages?: string[] }): ApiResult {
  return v.messages === undefined
    ? fail(v.error)
    : fail(v.error, { response_metadata: { messages: v.messages } });
}

function messageJson(ws: Workspace, m: StoredMessage): Record<string, unknown> {
  return {
    type: 'message',
    user: ws.botUserId,
    bot_id: ws.botId,
    app_id: ws.appId,
    team: ws.teamId,
    ts: m.ts,
    text: m.text,
    blocks: m.blocks,
    ...(m.threadTs !== undefined ? { thread_ts: m.threadTs } : {}),
    ...(m.metadata !== undefined ? { metadata: m.metadata } : {}),
  };
}

function fileJson(ctx: MethodContext, f: StoredFile): Record<string, unknown> {
  return {
    id: f.id,
    name: f.filename,
    title: f.title ?? f.filename,
    size: f.bytes.length,
    user: ctx.workspace.botUserId,
    permalink: `${ctx.baseUrl}/files/${f.id}/${encodeURIComponent(f.filename)}`,
  };
}

const methods: Record<string, Method> = {
  'api.test': (args) => ({ ok: true, args }),

  'auth.test': (_args, { workspace: ws, baseUrl }) => ({
    ok: true,
    url: `${baseUrl}/`,
    team: 'Stand-in',
    user: ws.botName,
    team_id: ws.teamId,
    user_id: ws.botUserId,
    bot_id: ws.botId,
    is_enterprise_install: false,
  }),

  'apps.connections.open': (_args, ctx) => ({ ok: true, url: ctx.openSocketUrl() }),

  'chat.postMessage': (args, ctx) => {
    const channel = str(args.channel);
    if (channel === undefined) return fail('channel_not_found');
    const v = contentOrFail(args, true);
    if (!v.ok) return contentError(v);
    const meta = readMetadata(args.metadata);
    if (!meta.ok) return fail(meta.error);
    const threadTs = str(args.thread_ts);
    const m = ctx.recording.addMessage({
      channel,
      ts: ctx.ids.ts(),
      ephemeral: false,
      content: v.content,
      via: 'chat.postMessage',
      ...(threadTs !== undefined ? { threadTs } : {}),
      ...(meta.metadata !== undefined ? { metadata: meta.metadata } : {}),
    });
    return { ok: true, channel, ts: m.ts, message: messageJson(ctx.workspace, m) };
  },

  'chat.update': (args, ctx) => {
    const channel = str(args.channel);
    const ts = str(args.ts);
    if (channel === undefined) return fail('channel_not_found');
    if (ts === undefined) return fail('message_not_found');
    const m = ctx.recording.findMessage(channel, ts);
    if (m === undefined || m.ephemeral || m.deleted) return fail('message_not_found');
    const v = contentOrFail(args, true);
    if (!v.ok) return contentError(v);
    ctx.recording.updateMessage(m, v.content, 'chat.update');
    return { ok: true, channel, ts, text: m.text, message: messageJson(ctx.workspace, m) };
  },

  'chat.delete': (args, ctx) => {
    const channel = str(args.channel);
    const ts = str(args.ts);
    const m = channel !== undefined && ts !== undefined ? ctx.recording.findMessage(channel, ts) : undefined;
    if (m === undefined || m.ephemeral || m.deleted) return fail('message_not_found');
    ctx.recording.deleteMessage(m);
    return { ok: true, channel, ts };
  },

  'chat.postEphemeral': (args, ctx) => {
    const channel = str(args.channel);
    const user = str(args.user);
    if (channel === undefined) return fail('channel_not_found');
    if (user === undefined) return fail('user_not_found');
    const v = contentOrFail(args, true);
    if (!v.ok) return contentError(v);
    const threadTs = str(args.thread_ts);
    const m = ctx.recording.addMessage({
      channel,
      ts: ctx.ids.ts(),
      ephemeral: true,
      visibleTo: user,
      content: v.content,
      via: 'chat.postEphemeral',
      ...(threadTs !== undefined ? { threadTs } : {}),
    });
    return { ok: true, message_ts: m.ts };
  },

  'conversations.history': (args, ctx) => {
    const channel = str(args.channel);
    if (channel === undefined) return fail('channel_not_found');
    return historyPage(
      ctx.recording.messages.filter((m) => m.channel === channel),
      args,
      (m) => messageJson(ctx.workspace, m),
    );
  },

  'conversations.replies': (args, ctx) =>
    repliesPage(ctx.recording.messages, args, (m) => messageJson(ctx.workspace, m)),

  'chat.getPermalink': (args, ctx) => {
    const channel = str(args.channel);
    const ts = str(args.message_ts);
    const m = channel !== undefined && ts !== undefined ? ctx.recording.findMessage(channel, ts) : undefined;
    if (m === undefined || m.ephemeral) return fail('message_not_found');
    return { ok: true, channel, permalink: `${ctx.baseUrl}/archives/${m.channel}/p${m.ts.replace('.', '')}` };
  },

  'usergroups.users.list': (args, { workspace }) => {
    const id = str(args.usergroup);
    if (id === undefined) return fail('invalid_arguments');
    const users = workspace.usergroups.get(id);
    return users === undefined ? fail('no_such_subteam') : { ok: true, users: [...users] };
  },

  'users.info': (args, { workspace }) => {
    const id = str(args.user);
    if (id === undefined || !workspace.users.has(id)) return fail('user_not_found');
    const name = userName(workspace, id);
    return {
      ok: true,
      user: {
        id,
        team_id: workspace.teamId,
        name,
        real_name: name,
        is_bot: false,
        profile: { display_name: name },
      },
    };
  },

  'files.getUploadURLExternal': (args, ctx) => {
    const filename = str(args.filename);
    const length = Number(args.length);
    if (filename === undefined || args.length === undefined || !Number.isInteger(length) || length < 0) {
      return fail('invalid_arguments');
    }
    // Slack documents `alt_txt` (at most 1,000 characters). Like Slack, other arguments are ignored:
    // `alt_text`, which @slack/web-api's files.uploadV2 sends, leaves the file without a description.
    const altText = str(args.alt_txt);
    if (altText !== undefined && altText.length > 1000) return fail('alt_txt_too_large');
    const id = ctx.ids.next('F');
    const secret = ctx.ids.secret();
    ctx.uploadUrls.set(secret, id);
    ctx.recording.files.set(id, {
      id,
      filename,
      declaredLength: length,
      bytes: Buffer.alloc(0),
      completed: false,
      ...(altText !== undefined ? { altText } : {}),
    });
    return { ok: true, upload_url: `${ctx.baseUrl}/upload/v1/${secret}`, file_id: id };
  },

  'files.completeUploadExternal': (args, ctx) => {
    let list: unknown = args.files;
    if (typeof list === 'string') {
      try {
        list = JSON.parse(list);
      } catch {
        return fail('invalid_arguments');
      }
    }
    if (!Array.isArray(list) || list.length === 0) return fail('invalid_arguments');
    const channel = str(args.channel_id);
    const threadTs = str(args.thread_ts);
    const initialComment = str(args.initial_comment);
    const done: StoredFile[] = [];
    for (const item of list as Array<Record<string, unknown>>) {
      const f = ctx.recording.files.get(String(item.id));
      if (f === undefined) return fail('file_not_found');
      if (f.bytes.length !== f.declaredLength) return fail('file_upload_size_mismatch');
      f.completed = true;
      const title = str(item.title);
      if (title !== undefined) f.title = title;
      if (channel !== undefined) f.channel = channel;
      if (threadTs !== undefined) f.threadTs = threadTs;
      if (initialComment !== undefined) f.initialComment = initialComment;
      done.push(f);
    }
    if (channel !== undefined) {
      ctx.recording.addMessage({
        channel,
        ts: ctx.ids.ts(),
        ephemeral: false,
        content: { text: initialComment ?? '', blocks: [] },
        via: 'files.completeUploadExternal',
        files: done,
        ...(threadTs !== undefined ? { threadTs } : {}),
      });
    } else {
      ctx.recording.changed();
    }
    return { ok: true, files: done.map((f) => fileJson(ctx, f)) };
  },
};

export const APP_TOKEN_METHODS = new Set(['apps.connections.open']);

export function isKnownMethod(method: string): boolean {
  return Object.prototype.hasOwnProperty.call(methods, method);
}

export function callMethod(method: string, args: Args, ctx: MethodContext): ApiResult {
  const m = methods[method];
  return m === undefined ? fail('unknown_method') : m(args, ctx);
}
