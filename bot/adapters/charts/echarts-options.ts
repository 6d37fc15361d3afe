import type { ChartSpec, StatChart, TableChart, TimeseriesChart } from '../../ports/chart-drawer';
import { FONT_FAMILY } from './font-metrics';
import type { Palette } from './chart-themes';

/** ECharts options for one chart spec (pure: no instance, no I/O). */
export type EChartsOption = Record<string, unknown>;

const TITLE_SIZE = 14;
const LABEL_SIZE = 11;
const TITLE_BAND = 30;
const LEGEND_LINE = 18;

const pad = (n: number) => String(n).padStart(2, '0');
/** Axis times in UTC, like the dashboard (`timezone: utc`), so the same data draws the same picture anywhere. */
const hhmm = (ms: number) => {
  const d = new Date(ms);
  return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
};
const hhmmss = (ms: number) => `${hhmm(ms)}:${pad(new Date(ms).getUTCSeconds())}`;
const dayTime = (ms: number) => {
  const d = new Date(ms);
  return `${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${hhmm(ms)}`;
};

function base(spec: ChartSpec, palette: Palette): EChartsOption {
  return {
    animation: false,
    useUTC: true,
    backgroundColor: palette.background,
    color: palette.series,
    textStyle: { fontFamily: FONT_FAMILY, color: palette.text, fontSize: LABEL_SIZE },
    title: {
      text: spec.title,
      left: 10,
      top: 8,
      textStyle: { fontFamily: FONT_FAMILY, fontSize: TITLE_SIZE, fontWeight: 'normal', color: palette.text },
    },
  };
}

/** Legend rows needed for `names` at this width (measured by the real font, see font-metrics.ts). */
export function legendRows(names: string[], width: number, measure: (text: string) => number): number {
  if (names.length === 0) return 0;
  const available = width - 20;
  let rows = 1;
  let line = 0;
  for (const name of names) {
    const item = 14 + 5 + measure(name) + 10;
    if (line > 0 && line + item > available) {
      rows++;
      line = 0;
    }
    line += item;
  }
  return rows;
}

/**
 * A series' points as ECharts' typed-array data ([x0, y0, x1, y1, ...], a gap as NaN): ECharts deep-clones
 * array-of-array data on every setOption and reads it point by point; a typed array it takes as it is
 * (measured: the same SVG, about a tenth less time).
 */
export function seriesData(points: Array<[number, number | null]>): Float64Array {
  const data = new Float64Array(points.length * 2);
  points.forEach(([x, y], i) => {
    data[2 * i] = x;
    data[2 * i + 1] = y ?? NaN;
  });
  return data;
}

/** Series options shared by time series and stat sparklines (fresh each time: options are not shared). */
const lineSeries = () => ({
  type: 'line',
  dimensions: ['x', 'y'],
  showSymbol: false,
  emphasis: { disabled: true },
});

function emptyGraphic(spec: ChartSpec, palette: Palette) {
  return {
    type: 'text',
    left: 'center',
    top: 'middle',
    style: { text: spec.emptyText ?? 'No data', fill: palette.muted, fontSize: 16, fontFamily: FONT_FAMILY },
  };
}

function timeseries(
  spec: TimeseriesChart,
  palette: Palette,
  measure: (text: string) => number,
): EChartsOption {
  const names = spec.series.map((s) => s.name);
  const maxRows = Math.max(1, Math.floor((spec.height * 0.3) / LEGEND_LINE));
  const rows = Math.min(legendRows(names, spec.width, measure), maxRows);
  const spanMs = spec.to - spec.from;
  const axisLabel = { color: palette.muted, fontSize: LABEL_SIZE, fontFamily: FONT_FAMILY };
  const splitLine = { lineStyle: { color: palette.grid } };
  return {
    ...base(spec, palette),
    legend: {
      type: rows < legendRows(names, spec.width, measure) ? 'scroll' : 'plain',
      bottom: 6,
      left: 10,
      right: 10,
      itemWidth: 14,
      itemHeight: 4,
      itemGap: 10,
      icon: 'rect',
      textStyle: { color: palette.text, fontSize: LABEL_SIZE, fontFamily: FONT_FAMILY },
      data: names,
    },
    grid: {
      left: 12,
      right: 20,
      top: TITLE_BAND + 8,
      bottom: rows * LEGEND_LINE + 14,
      containLabel: true,
    },
    xAxis: {
      type: 'time',
      min: spec.from,
      max: spec.to,
      // Ticks a minute apart or less would all read the same hh:mm: seconds then.
      axisLabel: {
        ...axisLabel,
        formatter: (v: number) => (spanMs > 86_400_000 ? dayTime(v) : spanMs > 600_000 ? hhmm(v) : hhmmss(v)),
      },
      axisLine: { lineStyle: { color: palette.grid } },
      splitLine: { show: true, ...splitLine },
    },
    yAxis: {
      type: 'value',
      // Headroom above the highest value: a flat series (4 tasks running) is not drawn on the frame.
      boundaryGap: [0, '10%'],
      axisLabel: { ...axisLabel, formatter: (v: number) => spec.format(v) },
      splitLine,
    },
    series: spec.series.map((s) => ({
      ...lineSeries(),
      name: s.name,
      data: seriesData(s.points),
      connectNulls: false,
      lineStyle: { width: 1.5 },
    })),
    ...(spec.series.length === 0 ? { graphic: [emptyGraphic(spec, palette)] } : {}),
  };
}

function stat(spec: StatChart, palette: Palette): EChartsOption {
  const last = (points: Array<[number, number | null]>) =>
    [...points].reverse().find(([, v]) => v !== null)?.[1] ?? null;
  const values = spec.series.map((s) => last(s.points));
  const text = values.map((v) => (v === null ? 'n/a' : spec.format(v))).join('   ');
  const size = Math.max(18, Math.min(spec.height * 0.28, (spec.width * 1.6) / Math.max(text.length, 1)));
  return {
    ...base(spec, palette),
    backgroundColor: palette.background,
    grid: { left: 0, right: 0, top: spec.height * 0.55, bottom: 0 },
    xAxis: { type: 'time', min: spec.from, max: spec.to, show: false },
    yAxis: { type: 'value', show: false },
    series: spec.series.map((s) => ({
      ...lineSeries(),
      data: seriesData(s.points),
      lineStyle: { width: 1.5, color: spec.color },
      areaStyle: { color: spec.color, opacity: 0.25 },
    })),
    graphic:
      spec.series.length === 0
        ? [emptyGraphic(spec, palette)]
        : [
            {
              type: 'text',
              left: 'center',
              top: spec.height * 0.22,
              style: { text, fill: spec.color, fontSize: size, fontFamily: FONT_FAMILY },
            },
          ],
  };
}

function table(spec: TableChart, palette: Palette, measure: (text: string) => number): EChartsOption {
  const rowHeight = 22;
  const top = TITLE_BAND + 10;
  const left = 10;
  const usable = spec.width - 2 * left;
  const widths = spec.columns.map((c, i) =>
    Math.max(measure(c), ...spec.rows.map((r) => measure(r[i] ?? ''))),
  );
  const total = widths.reduce((a, b) => a + b, 0) || 1;
  const scale = usable / total;
  const xs: number[] = [];
  widths.reduce((x, w) => (xs.push(x), x + w * scale), left);
  const fits = Math.max(0, Math.floor((spec.height - top - rowHeight - 6) / rowHeight));
  const shown = spec.rows.slice(0, fits);
  const cell = (text: string, x: number, y: number, color: string) => ({
    type: 'text',
    x: x + 4,
    y: y + 5,
    style: { text, fill: color, fontSize: 12, fontFamily: FONT_FAMILY },
  });
  const graphic: unknown[] = [
    {
      type: 'rect',
      shape: { x: left, y: top, width: usable, height: rowHeight },
      style: { fill: palette.grid },
    },
    ...spec.columns.map((c, i) => cell(c, xs[i] ?? left, top, palette.text)),
  ];
  shown.forEach((row, r) => {
    const y = top + rowHeight * (r + 1);
    graphic.push({
      type: 'line',
      shape: { x1: left, y1: y + rowHeight, x2: left + usable, y2: y + rowHeight },
      style: { stroke: palette.grid, lineWidth: 1 },
    });
    row.forEach((value, i) => graphic.push(cell(value, xs[i] ?? left, y, palette.text)));
  });
  if (spec.rows.length > shown.length)
    graphic.push(
      cell(`… ${spec.rows.length - shown.length} more rows`, left, spec.height - rowHeight, palette.muted),
    );
  if (spec.rows.length === 0) graphic.push(emptyGraphic(spec, palette));
  return { ...base(spec, palette), graphic };
}

export function echartsOption(
  spec: ChartSpec,
  palette: Palette,
  measure: (text: string) => number,
): EChartsOption {
  switch (spec.kind) {
    case 'timeseries':
      return timeseries(spec, palette, measure);
    case 'stat':
      return stat(spec, palette);
    case 'table':
      return table(spec, palette, measure);
  }
}
