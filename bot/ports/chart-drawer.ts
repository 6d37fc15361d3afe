/** Draws a chart from data already fetched: the built-in renderer's drawing half (no browser). */
export type ChartTheme = 'light' | 'dark';

export interface ChartSeries {
  name: string;
  /** [unix milliseconds, value] pairs, oldest first; null is a gap. */
  points: Array<[number, number | null]>;
}

interface ChartBase {
  title: string;
  width: number;
  height: number;
  theme: ChartTheme;
  /** Formats a value in the panel's unit (axis labels, stat values, table cells). */
  format: (value: number) => string;
  /** Shown instead of a plot when there is nothing to draw, e.g. "No data". */
  emptyText?: string;
}

export interface TimeseriesChart extends ChartBase {
  kind: 'timeseries';
  /** Unix milliseconds: the x axis spans exactly this range. */
  from: number;
  to: number;
  series: ChartSeries[];
}

export interface StatChart extends ChartBase {
  kind: 'stat';
  from: number;
  to: number;
  /** One big value per series, with a sparkline behind it. */
  series: ChartSeries[];
  /** Colour of the value (thresholds), e.g. "#56A64B". */
  color: string;
}

export interface TableChart extends ChartBase {
  kind: 'table';
  columns: string[];
  rows: string[][];
}

export type ChartSpec = TimeseriesChart | StatChart | TableChart;

export interface ChartDrawer {
  /** A PNG of exactly width x height; the same spec draws the same bytes. */
  draw(spec: ChartSpec): Promise<Buffer>;
}
