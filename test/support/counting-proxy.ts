import { createServer, request, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface CountedCall {
  method: string;
  path: string;
  /** The AWS JSON protocol's operation (X-Amz-Target), e.g. `...V20141113.UpdateService`. */
  target?: string;
  /** The request body (the first 4 KB), e.g. which service an ECS call names. */
  body: string;
  at: number;
}

export interface CountingProxy {
  url: string;
  calls: CountedCall[];
  stop(): Promise<void>;
}

/**
 * A loopback HTTP proxy in front of a lab service (Connect, moto) that records every call, so a test
 * can prove how many times an action reached the real service.
 */
export async function startCountingProxy(upstream: string): Promise<CountingProxy> {
  const to = new URL(upstream);
  const calls: CountedCall[] = [];
  const server: Server = createServer((req: IncomingMessage, res) => {
    const target = req.headers['x-amz-target'];
    const call: CountedCall = {
      method: req.method ?? 'GET',
      path: req.url ?? '/',
      ...(typeof target === 'string' ? { target } : {}),
      body: '',
      at: Date.now(),
    };
    calls.push(call);
    req.on('data', (chunk: Buffer) => {
      if (call.body.length < 4096) call.body += chunk.toString('utf8').slice(0, 4096 - call.body.length);
    });
    const forward = request(
      {
        host: to.hostname,
        port: to.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: to.host },
      },
      (upstreamRes) => {
        res.writeHead(upstreamRes.statusCode ?? 502, upstreamRes.headers);
        upstreamRes.pipe(res);
      },
    );
    forward.on('error', (e) => {
      res.writeHead(502);
      res.end(e.message);
    });
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
