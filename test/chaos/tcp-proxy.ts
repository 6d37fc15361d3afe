// A loopback TCP proxy in front of a real component, to inject network faults without touching our
// code: `stall` holds every byte in both directions (a hung peer: connected, silent), `delay` holds each
// request burst from the client for a while before passing it on (a slow peer), `pass` forwards.
import { createServer, connect, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

export type ProxyMode = { kind: 'pass' } | { kind: 'stall' } | { kind: 'delay'; ms: number };

/** Chunks closer together than this belong to one request (one delay, not one per chunk). */
const BURST_GAP_MS = 50;

interface Pipe {
  client: Socket;
  upstream: Socket;
  held: Array<{ to: Socket; chunk: Buffer }>;
  /** Client chunks pass in order: each waits for the one before it. */
  chain: Promise<void>;
  lastClientChunkAt: number;
}

export class TcpProxy {
  private mode: ProxyMode = { kind: 'pass' };
  private readonly pipes = new Set<Pipe>();

  private constructor(
    private readonly server: Server,
    readonly port: number,
  ) {}

  static async start(target: { host: string; port: number }): Promise<TcpProxy> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const proxy = new TcpProxy(server, (server.address() as AddressInfo).port);
    server.on('connection', (client) => proxy.accept(client, target));
    return proxy;
  }

  /** `http://127.0.0.1:<port>` */
  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  setMode(mode: ProxyMode): void {
    this.mode = mode;
    if (mode.kind !== 'stall') for (const p of this.pipes) this.flush(p);
  }

  private accept(client: Socket, target: { host: string; port: number }): void {
    const upstream = connect(target.port, target.host);
    const pipe: Pipe = { client, upstream, held: [], chain: Promise.resolve(), lastClientChunkAt: 0 };
    this.pipes.add(pipe);
    const end = () => {
      this.pipes.delete(pipe);
      client.destroy();
      upstream.destroy();
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
    upstream.on('data', (chunk: Buffer) => this.forward(pipe, client, chunk));
    client.on('data', (chunk: Buffer) => {
      const now = Date.now();
      const newBurst = now - pipe.lastClientChunkAt > BURST_GAP_MS;
      pipe.lastClientChunkAt = now;
      const mode = this.mode;
      if (mode.kind === 'delay' && newBurst) {
        pipe.chain = pipe.chain.then(() => new Promise((r) => setTimeout(r, mode.ms)));
      }
      pipe.chain = pipe.chain.then(() => this.forward(pipe, upstream, chunk));
    });
  }

  private forward(pipe: Pipe, to: Socket, chunk: Buffer): void {
    if (this.mode.kind === 'stall') pipe.held.push({ to, chunk });
    else if (!to.destroyed) to.write(chunk);
  }

  private flush(pipe: Pipe): void {
    for (const { to, chunk } of pipe.held.splice(0)) if (!to.destroyed) to.write(chunk);
  }

  async stop(): Promise<void> {
    for (const p of this.pipes) {
      p.client.destroy();
      p.upstream.destroy();
    }
    this.pipes.clear();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** host and port of an `http://host:port` URL. */
export function hostPort(url: string): { host: string; port: number } {
  const u = new URL(url);
  return { host: u.hostname, port: Number(u.port) };
}

/** Runs `work` with a proxy in front of the component at `url`; the proxy is stopped whatever happens. */
export async function withProxy<T>(url: string, work: (proxy: TcpProxy) => Promise<T>): Promise<T> {
  const proxy = await TcpProxy.start(hostPort(url));
  try {
    return await work(proxy);
  } finally {
    await proxy.stop();
  }
}
