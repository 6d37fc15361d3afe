// The render API contract, against a Grafana stand-in: a real PNG is used as it is; the placeholder, 401,
// a timeout and "no renderer" all fall back to the built-in renderer, and the message says so.
import { join } from 'node:path';
import { echartsDrawer } from '../../../bot/adapters/charts/echarts-drawer';
import { fileDashboards } from '../../../bot/adapters/dashboards/file-dashboards';
import { grafanaRenderClient } from '../../../bot/adapters/grafana/grafana-render-client';
import type { MetricsQuery, RangeQuery } from '../../../bot/ports/metrics';
import { createSnapshotService } from '../../../bot/usecases/snapshots/snapshot-service';
import { snapshotDoneView } from '../../../bot/views/snapshots/snapshot-views';
import { GrafanaStandIn } from '../../grafana-standin/grafana-stand-in';
import { decodePng } from '../../support/png-inspect';

const NOW = Date.UTC(2026, 4, 1, 12, 0);
const DASHBOARDS = join(__dirname, '../../../grafana/dashboards');

/** An in-memory Prometheus: three topics with a gentle wave, at whatever step is asked. */
const metrics: MetricsQuery & { queries: RangeQuery[] } = {
  target: 'http://prometheus.test',
  queries: [],
  instant: async () => [{ labels: { connector: 'mm2-source', status: 'running' }, value: 1 }],
  async range(q) {
    this.queries.push(q);
    return ['orders', 'payments', 'clicks'].map((topic, k) => ({
      labels: { topic },
      points: Array.from({ length: Math.floor((q.end - q.start) / 1000 / q.stepSeconds) + 1 }, (_, i) => {
        const t = q.start / 1000 + i * q.stepSeconds;
        return [t, 100 + 40 * k + 20 * Math.sin(i / 10)] as [number, number];
      }),
    }));
  },
};

// Drawing and PNG encoding are CPU work; on a busy 2-core machine the first ones take seconds.
jest.setTimeout(30_000);

let grafana: GrafanaStandIn;
beforeAll(async () => {
  grafana = await GrafanaStandIn.start();
});
afterAll(() => grafana.stop());
beforeEach(() => {
  grafana.mode = 'renderer';
  grafana.calls.length = 0;
});

const service = (token = grafana.token, timeoutMs = 10_000) =>
  createSnapshotService({
    dashboards: fileDashboards(DASHBOARDS),
    metrics,
    drawer: echartsDrawer(),
    grafana: grafanaRenderClient({ url: grafana.url, token, timeoutMs }),
    scrapeIntervalSeconds: 15,
    now: () => NOW,
  });

const take = (s = service()) =>
  s.take({ panel: 'records lag', from: NOW - 3_600_000, to: NOW, vars: { topic: ['orders'] } });

describe("Grafana's render API, through the snapshot service", () => {
  it("uses Grafana's PNG when a renderer answers with the panel", async () => {
    const shot = await take();
    expect({ renderer: shot.renderer, fallback: shot.fallback }).toEqual({
      renderer: 'grafana',
      fallback: undefined,
    });
    const png = decodePng(shot.png);
    expect([png.width, png.height]).toEqual([800, 400]);
    expect(png.pixel(10, 10).slice(0, 3)).toEqual([30, 120, 200]);
    const [call] = grafana.renderCalls();
    expect(call?.path).toBe('/render/d-solo/mm2-overview/_');
    expect(call?.query).toMatchObject({
      panelId: ['6'],
      from: [String(NOW - 3_600_000)],
      to: [String(NOW)],
      width: ['800'],
      height: ['400'],
      'var-topic': ['orders'],
    });
    expect(call?.authorization).toBe(`Bearer ${grafana.token}`);
    // The summary still comes from the data.
    expect(shot.series.map((s) => s.name)).toEqual(['clicks', 'orders', 'payments']);
  });

  const builtIn = (shot: Awaited<ReturnType<typeof take>>) => {
    expect(shot.renderer).toBe('built-in');
    const png = decodePng(shot.png);
    expect([png.width, png.height]).toEqual([800, 400]);
    // Not Grafana's flat picture: the built-in chart has a white background.
    expect(png.pixel(2, 2).slice(0, 3)).toEqual([255, 255, 255]);
    return snapshotDoneView(shot).text;
  };

  it('recognises the placeholder PNG (200, but not the panel) and draws it itself', async () => {
    grafana.mode = 'placeholder';
    const text = builtIn(await take());
    expect(text).toMatch(/placeholder image instead of the panel.*drawn by the built-in renderer instead/);
  });

  it('falls back on 401 and names the token, never its value', async () => {
    const text = builtIn(await take(service('wrong-token')));
    expect(text).toMatch(/refused the bot's token \(HTTP 401\).*built-in renderer instead/);
    expect(text).not.toContain('wrong-token');
  });

  it('falls back when Grafana does not answer in time', async () => {
    grafana.mode = 'slow';
    grafana.delayMs = 5000;
    const text = builtIn(await take(service(grafana.token, 300)));
    expect(text).toMatch(/did not answer within 0.3 s.*built-in renderer instead/);
  });

  it('asks no render of a Grafana whose settings say there is no renderer', async () => {
    grafana.mode = 'no-renderer';
    const text = builtIn(await take());
    expect(grafana.renderCalls()).toEqual([]);
    expect(text).toMatch(/has no image renderer: drawn by the built-in renderer instead/);
  });
});
