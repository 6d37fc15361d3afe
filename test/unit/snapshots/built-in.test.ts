// The built-in renderer's pure parts and its drawing: panel lookup, PromQL as Grafana would send it,
// arguments, and identical bytes from identical data (light and dark).
import { join } from 'node:path';
import { echartsDrawer } from '../../../bot/adapters/charts/echarts-drawer';
import { fileDashboards } from '../../../bot/adapters/dashboards/file-dashboards';
import { formatUnit } from '../../../bot/domain/units';
import type { TimeseriesChart } from '../../../bot/ports/chart-drawer';
import { findPanel, snapshotPanels } from '../../../bot/usecases/snapshots/find-panel';
import {
  fitIntervals,
  interpolate,
  legendName,
  variableValues,
} from '../../../bot/usecases/snapshots/promql-template';
import { parseSnapshotArgs } from '../../../bot/usecases/snapshots/snapshot-args';
import { decodePng, inkIn } from '../../support/png-inspect';

jest.setTimeout(30_000);

const dashboards = () => fileDashboards(join(__dirname, '../../../grafana/dashboards')).list();

describe('panel lookup', () => {
  it('finds panels by id, title words and partial words, and names the candidates when ambiguous', async () => {
    const panels = snapshotPanels(await dashboards());
    expect(panels.every((p) => p.panel.type !== 'row')).toBe(true);
    expect(findPanel(panels, '6').panel.title).toBe('Records lag per topic');
    expect(findPanel(panels, 'mm2-overview/7').panel.title).toBe('Throughput per topic');
    expect(findPanel(panels, 'records LAG').panel.id).toBe(6);
    expect(findPanel(panels, 'heap').panel.id).toBe(12);
    expect(() => findPanel(panels, 'per topic')).toThrow(/matches \d+ panels: .*"Records lag per topic"/);
    expect(() => findPanel(panels, 'nonsense')).toThrow(/No panel matches "nonsense"/);
  });
});

describe('PromQL as Grafana sends it', () => {
  it('fits the step to the width, never below the scrape interval, and fills macros and variables', async () => {
    const hour = fitIntervals(0, 3_600_000, 800, 15);
    expect(hour).toEqual({
      stepSeconds: 15,
      intervalSeconds: 15,
      rateIntervalSeconds: 60,
      rangeSeconds: 3600,
    });
    expect(fitIntervals(0, 86_400_000, 800, 15).stepSeconds).toBe(108);
    const [dashboard] = await dashboards();
    expect(variableValues(dashboard!, {})).toEqual({ topic: '.*' });
    expect(variableValues(dashboard!, { topic: ['orders', 'pay.ments'] })).toEqual({
      topic: '(orders|pay\\.ments)',
    });
    expect(
      interpolate(
        'rate(x{topic=~"$topic"}[$__rate_interval]) / ${topic} [[topic]] $__interval',
        { topic: 'a' },
        hour,
      ),
    ).toBe('rate(x{topic=~"a"}[60s]) / a a 15s');
    expect(legendName('{{topic}} records/s', { topic: 'orders' })).toBe('orders records/s');
    expect(legendName(undefined, { __name__: 'up', job: 'x' })).toBe('up{job="x"}');
  });

  it('reads the arguments and refuses bad ones with what to type', () => {
    const ok = parseSnapshotArgs(['records', 'lag', '--range', '6h', 'topic=orders,payments', '--dark']);
    expect(ok).toEqual({
      ok: true,
      args: {
        panel: 'records lag',
        range: { kind: 'relative', ms: 6 * 3_600_000 },
        vars: { topic: ['orders', 'payments'] },
        theme: 'dark',
      },
    });
    expect(parseSnapshotArgs(['lag', '--range', 'forever'])).toMatchObject({
      ok: false,
      error: /--range wants/,
    });
    expect(parseSnapshotArgs(['lag', '--from', 'yesterday'])).toMatchObject({
      ok: false,
      error: /--from and --to/,
    });
  });
});

describe('the built-in drawing', () => {
  const chart = (theme: 'light' | 'dark'): TimeseriesChart => ({
    kind: 'timeseries',
    title: 'Records lag per topic',
    width: 640,
    height: 320,
    theme,
    format: (v) => formatUnit('short', v),
    from: 0,
    to: 600_000,
    series: ['orders', 'payments'].map((name, k) => ({
      name,
      points: Array.from({ length: 60 }, (_, i) => [i * 10_000, 100 * k + (i % 7)] as [number, number]),
    })),
  });

  it('draws the same bytes from the same data, with text, in both themes', async () => {
    const drawer = echartsDrawer();
    for (const [theme, background] of [
      ['light', '#FFFFFF'],
      ['dark', '#181B1F'],
    ] as const) {
      const first = await drawer.draw(chart(theme));
      const second = await echartsDrawer().draw(chart(theme));
      expect(Buffer.compare(first, second)).toBe(0);
      const png = decodePng(first);
      expect([png.width, png.height]).toEqual([640, 320]);
      // Title and legend labels are drawn (a font-less rasterizer would leave these bands empty).
      expect(inkIn(png, { x: 0, y: 0, w: 300, h: 30 }, background)).toBeGreaterThan(250);
      expect(inkIn(png, { x: 0, y: 290, w: 640, h: 30 }, background)).toBeGreaterThan(100);
    }
  });
});
