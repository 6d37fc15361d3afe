// The Socket Mode side: a one-use ticket from apps.connections.open, a `hello` frame on connect, server
// pings (the client arms its serverPingTimeout on the first one), envelopes sent round-robin over open
// connections, acks matched by envelope_id and timed, `disconnect` frames and abrupt drops.

import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import type { Ids } from './ids';
import type { LatencyHistogram } from './latency-histogram';
import type { Recording } from './recording';
import type { AckRecord, EnvelopeRecord, EnvelopeType } from './types';
import type { Workspace } from './workspace';

export interface HubOptions {
  recording: Recording;
  ids: Ids;
  workspace: Workspace;
  histogram: LatencyHistogram;
  ackTimeoutMs: number;
  pingIntervalMs: number;
  /** Called with each ack's payload, so a slash command's ack response can become a message. */
  onAck(envelope: EnvelopeRecord, ack: AckRecord): void;
}

interface Connection {
  id: number;
  ws: WebSocket;
  pinger: NodeJS.Timeout;
  /** Sent a `disconnect` frame: Slack routes no new envelope to a connection it asked to go away. */
  draining?: boolean;
}

interface PendingAck {
  record: EnvelopeRecord;
  startedNs: bigint;
  timer: NodeJS.Timeout;
  resolve(ack: AckRecord): void;
  reject(err: Error): void;
}

export type DisconnectReason = 'warning' | 'refresh_requested' | 'link_disabled' | (string & {});

export class SocketModeHub {
  private readonly wss = new WebSocketServer({ noServer: true, perMessageDeflate: false });
  private readonly tickets = new Set<string>();
  private readonly open = new Map<number, Connection>();
  private readonly pending = new Map<string, PendingAck>();
  private nextConnectionId = 0;
  private roundRobin = 0;
  /** Connections that completed the handshake since start (or the last reset). */
  connectionCount = 0;

  constructor(private readonly o: HubOptions) {}

  get openConnections(): number {
    return this.open.size;
  }

  /** Ids of the open connections, oldest first (for faults aimed at one replica). */
  openConnectionIds(): number[] {
    return [...this.open.keys()];
  }

  issueUrl(wsBase: string): string {
    const ticket = this.o.ids.secret(16);
    this.tickets.add(ticket);
    return `${wsBase}/link/?ticket=${ticket}&app_id=${this.o.workspace.appId}`;
  }

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(req.url ?? '/', 'http://stand-in.invalid');
    const ticket = url.searchParams.get('ticket') ?? '';
    if (url.pathname !== '/link/' || !this.tickets.delete(ticket)) {
      socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => this.accept(ws));
  }

  private accept(ws: WebSocket): void {
    this.nextConnectionId += 1;
    const id = this.nextConnectionId;
    const pinger = setInterval(() => {
      if (ws.readyState === WebSocket.OPEN) ws.ping(`stand-in ping ${Date.now()}`);
    }, this.o.pingIntervalMs);
    pinger.unref();
    this.open.set(id, { id, ws, pinger });
    this.connectionCount += 1;
    ws.on('message', (data: RawData, isBinary: boolean) => {
      if (!isBinary) this.onFrame(data.toString());
    });
    ws.on('close', () => this.forget(id));
    ws.on('error', () => this.forget(id));
    ws.send(
      JSON.stringify({
        type: 'hello',
        num_connections: this.open.size,
        debug_info: { host: `applink-stand-in-${id}`, build_number: 1, approximate_connection_time: 18060 },
        connection_info: { app_id: this.o.workspace.appId },
      }),
    );
    this.o.recording.changed();
  }

  private forget(id: number): void {
    const c = this.open.get(id);
    if (c === undefined) return;
    clearInterval(c.pinger);
    this.open.delete(id);
    this.o.recording.changed();
  }

  private onFrame(text: string): void {
    let frame: { envelope_id?: unknown; payload?: unknown };
    try {
      frame = JSON.parse(text) as typeof frame;
    } catch {
      return;
    }
    if (typeof frame.envelope_id !== 'string') return;
    const payload =
      typeof frame.payload === 'object' && frame.payload !== null
        ? (frame.payload as Record<string, unknown>)
        : {};
    const pending = this.pending.get(frame.envelope_id);
    if (pending === undefined) {
      // An ack after the timeout: keep it on the record, it is not a success.
      const late = this.o.recording.envelopes.find((e) => e.envelopeId === frame.envelope_id);
      if (late !== undefined && late.ack === undefined) {
        late.ack = { envelopeId: late.envelopeId, ackLatencyMs: Date.now() - late.sentAt, payload };
        this.o.recording.changed();
      }
      return;
    }
    this.pending.delete(frame.envelope_id);
    clearTimeout(pending.timer);
    const ack: AckRecord = {
      envelopeId: frame.envelope_id,
      ackLatencyMs: Number(process.hrtime.bigint() - pending.startedNs) / 1e6,
      payload,
    };
    pending.record.ack = ack;
    this.o.histogram.record(ack.ackLatencyMs);
    this.o.onAck(pending.record, ack);
    this.o.recording.changed();
    pending.resolve(ack);
  }

  /** Sends an envelope over one open connection; resolves with its ack, rejects on timeout. */
  send(
    type: EnvelopeType,
    payload: Record<string, unknown>,
    opts: { acceptsResponsePayload: boolean; timeoutMs?: number },
  ): Promise<AckRecord> {
    const conns = [...this.open.values()].filter((c) => c.ws.readyState === WebSocket.OPEN && !c.draining);
    if (conns.length === 0) {
      return Promise.reject(
        new Error(
          `stand-in: no Socket Mode connection is open; Slack would answer dispatch_failed (${type})`,
        ),
      );
    }
    const conn = conns[this.roundRobin++ % conns.length] as Connection;
    const envelopeId = `${this.o.ids.secret(4)}-${this.o.ids.next('')}`;
    const record: EnvelopeRecord = {
      envelopeId,
      type,
      payload,
      connectionId: conn.id,
      sentAt: Date.now(),
      timedOut: false,
    };
    const frame: Record<string, unknown> = {
      envelope_id: envelopeId,
      payload,
      type,
      accepts_response_payload: opts.acceptsResponsePayload,
    };
    if (type === 'events_api') {
      frame.retry_attempt = 0;
      frame.retry_reason = '';
    }
    const timeoutMs = opts.timeoutMs ?? this.o.ackTimeoutMs;
    return new Promise<AckRecord>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(envelopeId);
        record.timedOut = true;
        this.o.recording.changed();
        reject(new Error(`stand-in: no ack for ${type} envelope ${envelopeId} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(envelopeId, { record, timer, resolve, reject, startedNs: process.hrtime.bigint() });
      this.o.recording.addEnvelope(record);
      conn.ws.send(JSON.stringify(frame), (err) => {
        if (err === undefined || err === null) return;
        clearTimeout(timer);
        this.pending.delete(envelopeId);
        reject(new Error(`stand-in: could not send the envelope: ${err.message}`));
      });
    });
  }

  /**
   * Sends `{type:'disconnect', reason}` on every open connection, then waits up to `graceMs` for the client
   * to close (the SDK answers with a close frame) and terminates whatever is left.
   */
  async disconnect(reason: DisconnectReason, graceMs: number, connectionId?: number): Promise<void> {
    const conns = [...this.open.values()].filter((c) => connectionId === undefined || c.id === connectionId);
    await Promise.all(
      conns.map(
        (c) =>
          new Promise<void>((resolve) => {
            const done = (): void => {
              clearTimeout(timer);
              resolve();
            };
            const timer = setTimeout(() => {
              c.ws.terminate();
              resolve();
            }, graceMs);
            if (c.ws.readyState !== WebSocket.OPEN) return done();
            c.draining = true;
            c.ws.once('close', done);
            c.ws.send(
              JSON.stringify({
                type: 'disconnect',
                reason,
                debug_info: { host: `applink-stand-in-${c.id}` },
              }),
            );
          }),
      ),
    );
  }

  /** Kills every open socket without a close frame, as a network failure would. */
  dropSockets(connectionId?: number): void {
    for (const c of [...this.open.values()].filter(
      (x) => connectionId === undefined || x.id === connectionId,
    )) {
      c.ws.terminate();
      this.forget(c.id);
    }
  }

  close(): void {
    for (const p of this.pending.values()) {
      clearTimeout(p.timer);
      p.reject(new Error('stand-in: stopped before the ack arrived'));
    }
    this.pending.clear();
    this.dropSockets();
    this.tickets.clear();
    this.wss.close();
  }

  resetCounters(): void {
    this.connectionCount = this.open.size;
  }
}
