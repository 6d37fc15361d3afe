import { request } from 'undici';
import { AppError } from '../../domain/errors';
import type { GrafanaRenderer, GrafanaRenderRequest } from '../../ports/grafana-renderer';
import { publicUrl } from '../http/public-url';
import { pngSize } from './png-size';

export interface GrafanaRenderOptions {
  url: string;
  /** A service-account token (Viewer is enough); never echoed. */
  token?: string;
  /** Grafana's renderer commonly takes 3-12 s; past this the built-in renderer draws instead. */
  timeoutMs?: number;
}

/**
 * Grafana's render API. Without its image-renderer service Grafana still answers 200 with a PNG, but a
 * placeholder ("no image renderer available"), and over its limits another one: a PNG whose size is not
 * the one asked for is treated as such, never posted.
 */
export function grafanaRenderClient(options: GrafanaRenderOptions): GrafanaRenderer {
  const base = options.url.replace(/\/$/, '');
  const target = publicUrl(options.url, 'Grafana');
  const timeoutMs = options.timeoutMs ?? 10_000;
  const headers: Record<string, string> = options.token ? { authorization: `Bearer ${options.token}` } : {};

  const get = async (path: string) => {
    try {
      const response = await request(`${base}${path}`, {
        headers,
        signal: AbortSignal.timeout(timeoutMs),
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
      });
      const body = Buffer.from(await response.body.arrayBuffer());
      return { status: response.statusCode, type: String(response.headers['content-type'] ?? ''), body };
    } catch (error) {
      const name = (error as { name?: string }).name ?? '';
      if (/Timeout|Abort/.test(name))
        throw new AppError(
          'TIMEOUT',
          `Grafana at ${target} did not answer within ${timeoutMs / 1000} s.`,
          undefined,
          {
            cause: error,
          },
        );
      const code = (error as { code?: string }).code ?? (error as { cause?: { code?: string } }).cause?.code;
      throw new AppError(
        'GRAFANA_UNREACHABLE',
        `Grafana at ${target} is unreachable: ${code ?? 'network error'}.`,
        undefined,
        {
          cause: error,
        },
      );
    }
  };

  const refuse = (status: number) => {
    if (status === 401 || status === 403)
      return new AppError(
        'FORBIDDEN',
        `Grafana at ${target} refused the bot's token (HTTP ${status}).`,
        'Check the service-account token in GRAFANA_TOKEN (role Viewer on the MM2 dashboard).',
      );
    return new AppError('GRAFANA_UNREACHABLE', `Grafana at ${target} answered HTTP ${status}.`);
  };

  return {
    target,
    async rendererAvailable() {
      const res = await get('/api/frontend/settings');
      if (res.status !== 200) throw refuse(res.status);
      try {
        return (
          (JSON.parse(res.body.toString('utf8')) as { rendererAvailable?: boolean }).rendererAvailable ===
          true
        );
      } catch {
        throw new AppError(
          'GRAFANA_UNREACHABLE',
          `Grafana at ${target} answered its settings with something not JSON.`,
        );
      }
    },
    async renderPanel(req: GrafanaRenderRequest) {
      const query = new URLSearchParams({
        orgId: '1',
        panelId: String(req.panelId),
        from: String(req.from),
        to: String(req.to),
        width: String(req.width),
        height: String(req.height),
        theme: req.theme,
        tz: 'UTC',
      });
      for (const [name, values] of Object.entries(req.vars))
        for (const v of values) query.append(`var-${name}`, v);
      const res = await get(`/render/d-solo/${encodeURIComponent(req.dashboardUid)}/_?${query}`);
      if (res.status !== 200) throw refuse(res.status);
      const size = pngSize(res.body);
      const scale = size ? size.width / req.width : 0;
      const isPanel =
        size !== undefined && Number.isInteger(scale) && scale >= 1 && size.height === req.height * scale;
      if (!isPanel)
        throw new AppError(
          'GRAFANA_NO_RENDERER',
          `Grafana at ${target} sent a placeholder image instead of the panel (no image renderer, or over its limits).`,
          "See the README: adding Grafana's image renderer.",
        );
      return res.body;
    },
  };
}
