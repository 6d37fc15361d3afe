// A local Slack for tests and benchmarks: the Web API on /api/<method>, Socket Mode on /link/, file
// upload URLs on /upload/, response_url endpoints on /commands/ and /actions/, all on one 127.0.0.1 port.
// The real Bolt App, SocketModeReceiver and WebClient talk to it unchanged through `slackApiUrl`.

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mentionsPosted, type PostedMention } from './mentions';
import { readMessageContent } from './message-content';
import { blockActionsPayload, eventCallbackPayload, findElement, slashCommandPayload } from './envelopes';
import type { SlashCommandInput } from './envelopes';
import { Ids } from './ids';
import { LatencyHistogram } from './latency-histogram';
import { RateLimiter, type InjectedFailure, type RateLimitConfig } from './rate-limiter';
import { Recording, waitUntil } from './recording';
import { parseBody, readRaw, tokenOf } from './request-body';
import { ResponseUrls } from './response-urls';
import { SocketModeHub, type DisconnectReason } from './socket-mode-hub';
import type {
  AckRecord,
  ApiCallRecord,
  EnvelopeRecord,
  LatencySummary,
  ResponseUrlPost,
  StoredFile,
  StoredMessage,
} from './types';
import { APP_TOKEN_METHODS, callMethod, isKnownMethod, type MethodContext } from './web-api-methods';
import { makeWorkspace, type Workspace, type WorkspaceOptions } from './workspace';

export interface SlackStandInOptions extends WorkspaceOptions {
  botToken: string;
  appToken: string;
  /** Shorthand for `rateLimit: { default: n, windowMs: 60000 }` (per method; chat.postMessage per channel). */
  rateLimitPerMinute?: number;
  rateLimit?: RateLimitConfig;
  /** How long an envelope waits for its ack before the send promise rejects. Slack's limit is 3000 ms. */
  ackTimeoutMs?: number;
  /** Interval of the server's WebSocket pings. */
  pingIntervalMs?: number;
  /** How many posts a response_url takes (Slack: 5) and for how long (Slack: 30 min). */
  responseUrlMaxUses?: number;
  responseUrlTtlMs?: number;
  /** After a `disconnect` frame, how long the client gets to close before the socket is dropped. */
  disconnectGraceMs?: number;
}

export interface AckResult extends AckRecord {
  /** The response_url carried by the envelope (slash commands and interactions). */
  responseUrl?: string;
}

export interface SlashCommandOptions extends SlashCommandInput {
  timeoutMs?: number;
}

export interface ClickOptions {
  message: { channel: string; ts: string };
  action_id: string;
  block_id?: string;
  /** Overrides the button's own value (a real click sends the button's value). */
  value?: string;
  user_id?: string;
  timeoutMs?: number;
  /** Click a button of an earlier version of the message (a stale client, a replayed click). */
  stale?: boolean;
}

export interface MessageQuery {
  threadTs?: string;
  includeEphemeral?: boolean;
  includeDeleted?: boolean;
}

export class SlackStandIn {
  readonly workspace: Workspace;
  private readonly recording = new Recording();
  private readonly ids = new Ids();
  private readonly histogram = new LatencyHistogram();
  private readonly limiter: RateLimiter;
  private readonly hub: SocketModeHub;
  private readonly responseUrls: ResponseUrls;
  private readonly uploadUrls = new Map<string, string>();
  private readonly server: Server;
  private baseUrl = '';

  private constructor(private readonly o: SlackStandInOptions) {
    this.workspace = makeWorkspace(o);
    this.limiter = new RateLimiter(
      o.rateLimit ??
        (o.rateLimitPerMinute !== undefined ? { default: o.rateLimitPerMinute, windowMs: 60_000 } : {}),
    );
    this.responseUrls = new ResponseUrls(this.recording, this.ids, {
      maxUses: o.responseUrlMaxUses ?? 5,
      ttlMs: o.responseUrlTtlMs ?? 30 * 60_000,
    });
    this.hub = new SocketModeHub({
      recording: this.recording,
      ids: this.ids,
      workspace: this.workspace,
      histogram: this.histogram,
      ackTimeoutMs: o.ackTimeoutMs ?? 3000,
      pingIntervalMs: o.pingIntervalMs ?? 5000,
      onAck: (envelope, ack) => this.onAck(envelope, ack),
    });
    this.server = createServer((req, res) => {
      this.route(req, res).catch((err: unknown) => {
        if (!res.headersSent)
          this.json(res, 500, { ok: false, error: 'internal_error', detail: String(err) });
        else res.end();
      });
    });
    this.server.on('upgrade', (req, socket, head: Buffer) => this.hub.handleUpgrade(req, socket, head));
  }

  static async start(o: SlackStandInOptions): Promise<SlackStandIn> {
    const s = new SlackStandIn(o);
    await new Promise<void>((resolve, reject) => {
      s.server.once('error', reject);
      s.server.listen(0, '127.0.0.1', () => resolve());
    });
    const { port } = s.server.address() as AddressInfo;
    s.baseUrl = `http://127.0.0.1:${port}`;
    return s;
  }

  /** The value for SLACK_API_URL: WebClient's `slackApiUrl` and SocketModeReceiver's `clientOptions.slackApiUrl`. */
  get apiUrl(): string {
    return `${this.baseUrl}/api/`;
  }

  get port(): number {
    return Number(new URL(this.baseUrl).port);
  }

  async stop(): Promise<void> {
    this.hub.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  // ---- HTTP ------------------------------------------------------------------------------------------

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.baseUrl);
    const raw = await readRaw(req);
    if (url.pathname.startsWith('/api/')) return this.webApi(req, res, url, raw);
    if (url.pathname.startsWith('/upload/v1/') && req.method === 'POST')
      return this.upload(req, res, url, raw);
    if (this.responseUrls.owns(url.pathname) && req.method === 'POST') {
      let body: Record<string, unknown>;
      try {
        body = (await parseBody(raw, req.headers['content-type'], new URLSearchParams())).fields;
      } catch {
        return this.json(res, 400, { ok: false, error: 'invalid_payload' });
      }
      const answer = this.responseUrls.post(url.pathname, body);
      return this.json(res, answer.status, answer.body);
    }
    this.json(res, 404, { ok: false, error: 'not_found' });
  }

  private async webApi(req: IncomingMessage, res: ServerResponse, url: URL, raw: Buffer): Promise<void> {
    const method = url.pathname.slice('/api/'.length);
    let fields: Record<string, unknown>;
    try {
      fields = (await parseBody(raw, req.headers['content-type'], url.searchParams)).fields;
    } catch {
      return this.answer(res, method, {}, 200, { ok: false, error: 'invalid_json' });
    }
    const token = tokenOf(req, fields);
    const { token: _dropped, ...args } = fields;
    const injected = this.limiter.takeInjected(method);
    if (injected !== undefined) return this.injectedAnswer(res, method, args, injected);
    const authError = this.checkToken(method, token);
    if (authError !== undefined) return this.answer(res, method, args, 200, { ok: false, error: authError });
    const scope = method === 'chat.postMessage' && typeof args.channel === 'string' ? args.channel : '';
    const admission = this.limiter.admit(method, scope);
    if (!admission.ok) {
      res.setHeader('Retry-After', String(admission.retryAfterSec));
      return this.answer(res, method, args, 429, { ok: false, error: 'ratelimited' });
    }
    const ctx: MethodContext = {
      recording: this.recording,
      ids: this.ids,
      workspace: this.workspace,
      baseUrl: this.baseUrl,
      openSocketUrl: () => this.hub.issueUrl(this.baseUrl.replace(/^http/, 'ws')),
      uploadUrls: this.uploadUrls,
    };
    return this.answer(res, method, args, 200, callMethod(method, args, ctx));
  }

  private checkToken(method: string, token: string | undefined): string | undefined {
    if (method === 'api.test' || !isKnownMethod(method)) return undefined;
    if (token === undefined) return 'not_authed';
    const wantsApp = APP_TOKEN_METHODS.has(method);
    if (token === this.o.appToken) return wantsApp ? undefined : 'not_allowed_token_type';
    if (token === this.o.botToken) return wantsApp ? 'not_allowed_token_type' : undefined;
    return 'invalid_auth';
  }

  private injectedAnswer(
    res: ServerResponse,
    method: string,
    args: Record<string, unknown>,
    f: InjectedFailure,
  ): void {
    if (f.retryAfterSec !== undefined) {
      res.setHeader('Retry-After', String(f.retryAfterSec));
      return this.answer(res, method, args, 429, { ok: false, error: 'ratelimited' });
    }
    if (f.status !== undefined) return this.answer(res, method, args, f.status, {});
    return this.answer(res, method, args, 200, { ok: false, error: f.error ?? 'fatal_error' });
  }

  private answer(
    res: ServerResponse,
    method: string,
    args: Record<string, unknown>,
    status: number,
    result: Record<string, unknown>,
  ): void {
    this.recording.addCall({ method, args, status, result, at: Date.now() });
    this.json(res, status, result);
  }

  private async upload(req: IncomingMessage, res: ServerResponse, url: URL, raw: Buffer): Promise<void> {
    const fileId = this.uploadUrls.get(url.pathname.slice('/upload/v1/'.length));
    const file = fileId === undefined ? undefined : this.recording.files.get(fileId);
    if (file === undefined) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('Not Found');
      return;
    }
    const type = req.headers['content-type'] ?? '';
    let bytes = raw;
    if (type.toLowerCase().startsWith('multipart/form-data')) {
      const parsed = await parseBody(raw, type, new URLSearchParams());
      const part = parsed.files.body ?? parsed.files.file ?? Object.values(parsed.files)[0];
      const field = parsed.fields.body ?? parsed.fields.file;
      bytes = part ?? Buffer.from(typeof field === 'string' ? field : '', 'utf8');
    }
    file.bytes = bytes;
    this.recording.changed();
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end(`OK - ${bytes.length}`);
  }

  private json(res: ServerResponse, status: number, body: unknown): void {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
    res.end(status === 200 || Object.keys(body as object).length > 0 ? JSON.stringify(body) : '');
  }

  // ---- Socket Mode -----------------------------------------------------------------------------------

  /** Sends a `slash_commands` envelope; resolves with the ack (and the command's response_url). */
  async sendSlashCommand(input: SlashCommandOptions = {}): Promise<AckResult> {
    const channel = input.channel_id ?? 'C0CHANNEL';
    const user = this.knownUser(input.user_id ?? 'U0USER');
    const responseUrl = this.responseUrls.create(this.baseUrl, { origin: 'slash_commands', channel, user });
    const payload = slashCommandPayload(
      this.workspace,
      { ...input, channel_id: channel, user_id: user },
      responseUrl,
      this.triggerId(),
    );
    const ack = await this.hub.send('slash_commands', payload, {
      acceptsResponsePayload: true,
      ...(input.timeoutMs !== undefined ? { timeoutMs: input.timeoutMs } : {}),
    });
    return { ...ack, responseUrl };
  }

  /**
   * Clicks a button (or other element) of a recorded message, as a user would: the element must exist in
   * the message's current blocks, and the payload carries its block_id, value and the message itself.
   */
  async clickButton(o: ClickOptions): Promise<AckResult> {
    const message = this.recording.findMessage(o.message.channel, o.message.ts);
    if (message === undefined || message.deleted) {
      throw new Error(`stand-in: no message ${o.message.ts} in ${o.message.channel} to click on`);
    }
    // A stale click: a client still showing an earlier version (or a replayed payload) clicks a button
    // the message no longer has; Slack delivers it all the same.
    const versions = o.stale
      ? [message.blocks, ...message.history.map((v) => v.blocks).reverse()]
      : [message.blocks];
    const found = versions.map((b) => findElement(b, o.action_id, o.block_id)).find((f) => f !== undefined);
    if (found === undefined) {
      throw new Error(`stand-in: message ${message.ts} has no element with action_id ${o.action_id}`);
    }
    const user = this.knownUser(o.user_id ?? 'U0USER');
    const responseUrl = this.responseUrls.create(this.baseUrl, {
      origin: 'block_actions',
      channel: message.channel,
      user,
      target: message,
    });
    const payload = blockActionsPayload(this.workspace, {
      userId: user,
      message,
      found,
      ...(o.value !== undefined ? { value: o.value } : {}),
      responseUrl,
      triggerId: this.triggerId(),
      actionTs: this.ids.ts(),
    });
    const ack = await this.hub.send('interactive', payload, {
      acceptsResponsePayload: false,
      ...(o.timeoutMs !== undefined ? { timeoutMs: o.timeoutMs } : {}),
    });
    return { ...ack, responseUrl };
  }

  /** Sends an `events_api` envelope wrapping `event` in an event_callback. */
  async sendEvent(event: Record<string, unknown>, opts: { timeoutMs?: number } = {}): Promise<AckResult> {
    const payload = eventCallbackPayload(this.workspace, event, this.ids.next('Ev'));
    return this.hub.send('events_api', payload, { acceptsResponsePayload: false, ...opts });
  }

  /**
   * Sends `{type:'disconnect', reason}` (to every connection, or to `connectionId` only) and drops the
   * socket once the client closed it (or after a grace). No new envelope goes to it meanwhile.
   */
  disconnect(reason: DisconnectReason = 'refresh_requested', connectionId?: number): Promise<void> {
    return this.hub.disconnect(reason, this.o.disconnectGraceMs ?? 1000, connectionId);
  }

  /** Closes every socket (or `connectionId` only) abruptly, with no close frame. */
  dropSocket(connectionId?: number): void {
    this.hub.dropSockets(connectionId);
  }

  /** Ids of the open Socket Mode connections, oldest first. */
  openConnectionIds(): number[] {
    return this.hub.openConnectionIds();
  }

  /** Socket Mode connections that completed the handshake since start (or the last reset). */
  get connectionCount(): number {
    return this.hub.connectionCount;
  }

  get openConnections(): number {
    return this.hub.openConnections;
  }

  /** Waits until a connection is open and at least `minCount` connections were made in total. */
  waitForConnection(o: { minCount?: number; timeoutMs?: number } = {}): Promise<number> {
    const min = o.minCount ?? 1;
    return waitUntil(
      this.recording,
      () =>
        this.hub.openConnections > 0 && this.hub.connectionCount >= min ? this.hub.connectionCount : false,
      o.timeoutMs ?? 10_000,
      `an open Socket Mode connection (#${min})`,
    );
  }

  private onAck(envelope: EnvelopeRecord, ack: AckRecord): void {
    if (envelope.type !== 'slash_commands') return;
    const p = ack.payload;
    if (p.text === undefined && p.blocks === undefined) return;
    const v = readMessageContent(p, { requireContent: true });
    if (!v.ok) {
      envelope.ackContentError = v.error;
      return;
    }
    const channel = String(envelope.payload.channel_id);
    const user = String(envelope.payload.user_id);
    const inChannel = p.response_type === 'in_channel';
    this.recording.addMessage({
      channel,
      ts: this.ids.ts(),
      ephemeral: !inChannel,
      ...(inChannel ? {} : { visibleTo: user }),
      content: v.content,
      via: 'ack',
    });
  }

  /** A user who types a command exists in the workspace (users.info finds them). */
  private knownUser(id: string): string {
    if (!this.workspace.users.has(id)) this.workspace.users.set(id, id.toLowerCase());
    return id;
  }

  private triggerId(): string {
    return `${this.ids.next('')}.${this.ids.secret(6)}`;
  }

  // ---- Behaviour knobs -------------------------------------------------------------------------------

  setRateLimit(config: RateLimitConfig): void {
    this.limiter.configure(config);
  }

  /** The next `times` calls of `method` fail: `{error}` as a platform error, `{retryAfterSec}` as 429, `{status}`. */
  failNext(method: string, failure: InjectedFailure, times = 1): void {
    this.limiter.inject(method, failure, times);
  }

  /** Drops the failures `failNext` queued and no call has taken yet. */
  clearFailures(): void {
    this.limiter.clearInjected();
  }

  setUsergroup(id: string, users: string[]): void {
    this.workspace.usergroups.set(id, [...users]);
  }

  setUser(id: string, name: string): void {
    this.workspace.users.set(id, name);
  }

  // ---- Recording -------------------------------------------------------------------------------------

  /** Every Web API call (token removed from args), optionally of one method. */
  calls(method?: string): ApiCallRecord[] {
    return this.recording.calls.filter((c) => method === undefined || c.method === method);
  }

  /** Messages in a channel, in posting order; channel messages only unless asked otherwise. */
  messagesIn(channel: string, q: MessageQuery = {}): StoredMessage[] {
    return this.recording.messages.filter(
      (m) =>
        m.channel === channel &&
        (q.includeEphemeral === true || !m.ephemeral) &&
        (q.includeDeleted === true || !m.deleted) &&
        (q.threadTs === undefined || m.threadTs === q.threadTs),
    );
  }

  lastMessage(channel: string, q: MessageQuery = {}): StoredMessage | undefined {
    return this.messagesIn(channel, q).at(-1);
  }

  message(channel: string, ts: string): StoredMessage | undefined {
    return this.recording.findMessage(channel, ts);
  }

  /** Ephemeral messages shown to `user` (from chat.postEphemeral, response_url and slash command acks). */
  ephemeralsFor(user: string, channel?: string): StoredMessage[] {
    return this.recording.messages.filter(
      (m) => m.ephemeral && m.visibleTo === user && (channel === undefined || m.channel === channel),
    );
  }

  allMessages(): StoredMessage[] {
    return [...this.recording.messages];
  }

  responseUrlPosts(): ResponseUrlPost[] {
    return [...this.recording.responseUrlPosts];
  }

  /** Files whose upload was completed (files.completeUploadExternal), with their bytes. */
  uploadedFiles(): StoredFile[] {
    return [...this.recording.files.values()].filter((f) => f.completed);
  }

  envelopes(): EnvelopeRecord[] {
    return [...this.recording.envelopes];
  }

  /** Every human-readable string the app posted, in every version (for "never posts X" checks). */
  postedTexts(): string[] {
    return this.recording.postedTexts();
  }

  /** Ping-capable mentions (`<!channel>`, `<@U..>`, ...) in any mrkdwn the app posted, in every version. */
  mentionsPosted(): PostedMention[] {
    return mentionsPosted(this.recording.messages);
  }

  /** p50/p95/p99/max/mean of ack latencies (ms) recorded since start or the last reset. */
  ackLatency(): LatencySummary {
    return this.histogram.summary();
  }

  ackLatencies(): number[] {
    return this.histogram.values();
  }

  resetAckLatencies(): void {
    this.histogram.reset();
  }

  /** Resolves with the first truthy value of `probe`, re-checked on every recorded change; bounded. */
  waitFor<T>(probe: () => T | undefined | null | false, timeoutMs = 5000, what = 'a condition'): Promise<T> {
    return waitUntil(this.recording, probe, timeoutMs, what);
  }

  /** The first message in `channel` (ephemerals included) matching `predicate`, waiting up to `timeoutMs`. */
  waitForMessage(
    channel: string,
    predicate: (m: StoredMessage) => boolean,
    timeoutMs = 5000,
  ): Promise<StoredMessage> {
    return this.waitFor(
      () => this.messagesIn(channel, { includeEphemeral: true }).find(predicate),
      timeoutMs,
      `a matching message in ${channel}`,
    );
  }

  /** Forgets everything recorded (calls, messages, files, envelopes, latencies, rate-limit windows). */
  reset(): void {
    this.recording.clear();
    this.histogram.reset();
    this.limiter.reset();
    this.hub.resetCounters();
  }
}
