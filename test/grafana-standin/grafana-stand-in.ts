// A protocol-level stand-in for Grafana's render API (no Grafana is packaged here): /api/frontend/settings
// and /render/d-solo/<uid>/<slug>, with the behaviours a bot meets in the field.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PNG } from 'pngjs';

/**
 * `renderer`: a real PNG of the asked size. `placeholder`: Grafana without its image renderer (or over its
 * limits): 200 with a PNG that is not the panel. `no-renderer`: the settings say none is available.
 * `slow`: answers after `delayMs`. The token is checked in every mode (401 otherwise).
 */
export type GrafanaMode = 'renderer' | 'placeholder' | 'no-renderer' | 'slow';

export interface RenderCall {
  path: string;
  query: Record<string, string[]>;
  authorization?: string;
}

/** A flat-colour PNG of the given size, with a band so decoders see more than one colour. */
export function solidPng(width: number, height: number, rgb: [number, number, number]): Buffer {
  const png = new PNG({ width, height });
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      const band = y > height / 2 && y < height / 2 + 4;
      png.data[i] = band ? 0 : rgb[0];
      png.data[i + 1] = band ? 0 : rgb[1];
      png.data[i + 2] = band ? 0 : rgb[2];
      png.data[i + 3] = 255;
    }
  // No adaptive filtering: its per-byte heuristics take seconds per image under jest.
  return PNG.sync.write(png, { filterType: 0 });
}

// Grafana's "No image renderer available/installed" picture has its own fixed size, whatever was asked.
const PLACEHOLDER = solidPng(500, 200, [240, 240, 240]);

export class GrafanaStandIn {
  readonly calls: RenderCall[] = [];
  private readonly panels = new Map<string, Buffer>();
  mode: GrafanaMode = 'renderer';
  delayMs = 0;

  private constructor(
    private readonly server: Server,
    readonly url: string,
    readonly token: string,
  ) {}

  static async start(token = 'glsa_standin_token'): Promise<GrafanaStandIn> {
    const holder: { standIn?: GrafanaStandIn } = {};
    const server = createServer(
      (req, res) => void holder.standIn?.handle(req.url ?? '/', req.headers.authorization, res),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    holder.standIn = new GrafanaStandIn(server, `http://127.0.0.1:${port}`, token);
    return holder.standIn;
  }

  private async handle(
    rawUrl: string,
    authorization: string | undefined,
    res: import('node:http').ServerResponse,
  ) {
    const url = new URL(rawUrl, this.url);
    const query: Record<string, string[]> = {};
    for (const [k, v] of url.searchParams) (query[k] ??= []).push(v);
    this.calls.push({ path: url.pathname, query, ...(authorization ? { authorization } : {}) });
    if (authorization !== `Bearer ${this.token}`) {
      res.writeHead(401, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ message: 'Unauthorized' }));
      return;
    }
    if (this.mode === 'slow') await new Promise((r) => setTimeout(r, this.delayMs));
    if (res.destroyed) return;
    if (url.pathname === '/api/frontend/settings') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({ buildInfo: { version: '13.0.0' }, rendererAvailable: this.mode !== 'no-renderer' }),
      );
      return;
    }
    if (url.pathname.startsWith('/render/d-solo/')) {
      const width = Number(url.searchParams.get('width') ?? 1000);
      const height = Number(url.searchParams.get('height') ?? 500);
      const body =
        this.mode === 'renderer' || this.mode === 'slow' ? this.panelPng(width, height) : PLACEHOLDER;
      res.writeHead(200, { 'content-type': 'image/png', 'content-length': String(body.length) });
      res.end(body);
      return;
    }
    res.writeHead(404, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ message: 'Not found' }));
  }

  private panelPng(width: number, height: number): Buffer {
    const key = `${width}x${height}`;
    let png = this.panels.get(key);
    if (!png) this.panels.set(key, (png = solidPng(width, height, [30, 120, 200])));
    return png;
  }

  renderCalls(): RenderCall[] {
    return this.calls.filter((c) => c.path.startsWith('/render/'));
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
