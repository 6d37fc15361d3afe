import type { ChartSeries } from '../../ports/chart-drawer';

export interface SeriesSummary {
  name: string;
  last?: number;
  min?: number;
  max?: number;
}

/** Last, min and max of each series (gaps and NaN left out), for the one-line-per-series comment. */
export function summarize(series: ChartSeries[]): SeriesSummary[] {
  return series.map((s) => {
    const values = s.points.map(([, v]) => v).filter((v): v is number => v !== null && Number.isFinite(v));
    if (values.length === 0) return { name: s.name };
    return {
      name: s.name,
      last: values[values.length - 1],
      min: Math.min(...values),
      max: Math.max(...values),
    };
  });
}
