import http from 'http';
import type { AddressInfo } from 'net';

export interface Stub {
  url: string;
  requests: Array<{ method: string; path: string; body: string }>;
  close(): Promise<void>;
}

/** A loopback HTTP server on a random port answering with `handler`. */
export const startStub = (
  handler: (req: { method: string; path: string; body: string }) => {
    status: number;
    body: string;
    delayMs?: number;
  },
): Promise<Stub> =>
  new Promise((resolve) => {
    const requests: Stub['requests'] = [];
    const timers = new Set<NodeJS.Timeout>();
    const server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        const seen = { method: req.method ?? '', path: req.url ?? '', body };
        requests.push(seen);
        const answer = handler(seen);
        const send = () => {
          res.writeHead(answer.status, { 'content-type': 'application/json' });
          res.end(answer.body);
        };
        if (answer.delayMs) {
          const timer = setTimeout(() => {
            timers.delete(timer);
            send();
          }, answer.delayMs);
          timers.add(timer);
        } else send();
      });
    });
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}`,
        requests,
        close: () =>
          new Promise<void>((done) => {
            timers.forEach((t) => clearTimeout(t));
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });

/** A loopback port nothing listens on. */
export const closedPort = async (): Promise<number> => {
  const server = http.createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
};
