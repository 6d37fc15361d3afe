import { createServer, type Server } from 'node:http';
import type { Registry } from 'prom-client';

export interface HealthServer {
  port: number;
  close(): Promise<void>;
}

/** `/healthz` (200 when the bot is ready, with its details) and `/metrics` (Prometheus text). */
export async function startHealthServer(options: {
  port: number;
  host?: string;
  registry: Registry;
  health: () => { ok: boolean; [k: string]: unknown };
}): Promise<HealthServer> {
  const server: Server = createServer((req, res) => {
    if (req.url === '/healthz') {
      const health = options.health();
      res
        .writeHead(health.ok ? 200 : 503, { 'content-type': 'application/json' })
        .end(JSON.stringify(health));
    } else if (req.url === '/metrics') {
      options.registry.metrics().then(
        (text) => res.writeHead(200, { 'content-type': options.registry.contentType }).end(text),
        () => res.writeHead(500).end(),
      );
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '0.0.0.0', resolve);
  });
  const address = server.address();
  return {
    port: typeof address === 'object' && address ? address.port : options.port,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
