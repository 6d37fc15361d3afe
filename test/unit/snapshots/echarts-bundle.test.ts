// The trimmed ECharts the built-in renderer loads (bot/assets/echarts/echarts-panels.cjs, committed):
// it is what scripts/build-echarts-bundle.mjs builds from the installed echarts, and it draws every kind
// of panel exactly as the full `echarts` package does (a part left out of the bundle changes the SVG).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as fullEcharts from 'echarts';
import {
  ECHARTS_BUNDLE,
  loadPanelEcharts,
  type PanelEcharts,
} from '../../../bot/adapters/charts/echarts-panels';
import { chartSvg } from '../../../bot/adapters/charts/echarts-svg';
import { FONT_FAMILY, fontMeasurer } from '../../../bot/adapters/charts/font-metrics';
import { formatUnit } from '../../../bot/domain/units';
import type { ChartSpec, TimeseriesChart } from '../../../bot/ports/chart-drawer';

jest.setTimeout(60_000);

const root = join(__dirname, '../../..');

it('is what the build script makes from the installed echarts', () => {
  const built = execFileSync(process.execPath, [join(root, 'scripts/build-echarts-bundle.mjs'), '--stdout'], {
    cwd: root,
    maxBuffer: 16 * 1024 * 1024,
  }).toString('utf8');
  const committed = readFileSync(ECHARTS_BUNDLE, 'utf8');
  expect(committed.length).toBe(built.length);
  expect(committed === built).toBe(true);
  expect(loadPanelEcharts().version).toBe(fullEcharts.version);
});

describe('draws what the full echarts package draws', () => {
  const measurer = fontMeasurer();
  const measure = (text: string) => measurer.width(text, `11px ${FONT_FAMILY}`);
  const withMeasurer = (echarts: PanelEcharts) => {
    echarts.setPlatformAPI({
      measureText: (text: string, font?: string) => ({
        width: measurer.width(text, font ?? `11px ${FONT_FAMILY}`),
      }),
    });
    return echarts;
  };
  const trimmed = withMeasurer(loadPanelEcharts());
  // The same API; the package's CommonJS typings declare it separately from the modular ones.
  const full = withMeasurer(fullEcharts as unknown as PanelEcharts);

  const from = Date.UTC(2026, 4, 1, 11, 0);
  const series = (n: number, points: number, gaps = false) =>
    Array.from({ length: n }, (_, k) => ({
      name: `topic-${k}.events`,
      points: Array.from(
        { length: points },
        (_, i) =>
          [from + i * 6000, gaps && i % 40 < 8 ? null : 1000 * (k + 1) + 300 * Math.sin(i / 9)] as [
            number,
            number | null,
          ],
      ),
    }));
  // What the time-axis charts share: light theme, short units, ten minutes from `from`.
  const timed = {
    theme: 'light',
    format: (v: number) => formatUnit('short', v),
    from,
    to: from + 600 * 6000,
  } as const;
  const timeseries = (over: Partial<TimeseriesChart>): TimeseriesChart => ({
    kind: 'timeseries',
    title: 'Records lag per topic',
    width: 800,
    height: 400,
    ...timed,
    series: series(6, 600),
    ...over,
  });
  const specs: Record<string, ChartSpec> = {
    timeseries: timeseries({}),
    'dark, with gaps': timeseries({ theme: 'dark', series: series(2, 300, true) }),
    'legend that scrolls': timeseries({ height: 200, series: series(40, 20) }),
    'days on the axis': timeseries({ from: from - 3 * 86_400_000 }),
    'no data': timeseries({ series: [], emptyText: 'No data' }),
    stat: {
      kind: 'stat',
      title: 'Tasks running',
      width: 300,
      height: 200,
      ...timed,
      color: '#56A64B',
      series: series(1, 100),
    },
    table: {
      kind: 'table',
      title: 'Connectors',
      width: 600,
      height: 200,
      theme: 'dark',
      format: String,
      columns: ['connector', 'state'],
      rows: Array.from({ length: 12 }, (_, i) => [`mm2-source-${i}`, i % 3 ? 'RUNNING' : 'FAILED']),
    },
  };

  it.each(Object.keys(specs))('%s', (name) => {
    const spec = specs[name]!;
    const svg = chartSvg(trimmed, spec, measure);
    expect(svg).toContain('<svg');
    expect(svg).toBe(chartSvg(full, spec, measure));
  });
});
