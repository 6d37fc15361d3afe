import type { ChartSeries } from '../../ports/chart-drawer';
import type { MetricsQuery } from '../../ports/metrics';
import type { DashboardPanel } from '../../domain/dashboards/dashboard-types';
import { interpolate, legendName, type QueryIntervals } from './promql-template';

export interface PanelData {
  series: ChartSeries[];
  /** Instant (table) targets: one row per series, its labels then its value. */
  table?: { columns: string[]; rows: string[][]; values: number[] };
}

const visibleTargets = (panel: DashboardPanel) => (panel.targets ?? []).filter((t) => !t.hide && t.expr);

/** Runs the panel's own targets against Prometheus: range queries at the fitted step, instant ones at `to`. */
export async function queryPanel(
  metrics: MetricsQuery,
  panel: DashboardPanel,
  window: { from: number; to: number },
  vars: Record<string, string>,
  intervals: QueryIntervals,
): Promise<PanelData> {
  const results = await Promise.all(
    visibleTargets(panel).map(async (target) => {
      const query = interpolate(target.expr, vars, intervals);
      if (target.instant && !target.range) {
        const samples = await metrics.instant(query, window.to);
        return { target, instant: samples, range: undefined };
      }
      // Align to the step like Grafana does, so repeated snapshots of a window ask for the same points.
      const step = intervals.stepSeconds * 1000;
      const range = await metrics.range({
        query,
        start: Math.floor(window.from / step) * step,
        end: Math.floor(window.to / step) * step,
        stepSeconds: intervals.stepSeconds,
      });
      return { target, instant: undefined, range };
    }),
  );
  const series: ChartSeries[] = [];
  let table: PanelData['table'];
  for (const r of results) {
    for (const s of r.range ?? [])
      series.push({
        name: legendName(r.target.legendFormat, s.labels),
        points: s.points.map(([t, v]) => [t * 1000, Number.isFinite(v) ? v : null]),
      });
    if (r.instant) {
      const labelNames = [...new Set(r.instant.flatMap((s) => Object.keys(s.labels)))]
        .filter((n) => n !== '__name__')
        .sort();
      const sorted = [...r.instant].sort((a, b) =>
        labelNames
          .map((n) => a.labels[n] ?? '')
          .join('\u0000')
          .localeCompare(labelNames.map((n) => b.labels[n] ?? '').join('\u0000')),
      );
      table = {
        columns: [...labelNames, 'Value'],
        rows: sorted.map((s) => [...labelNames.map((n) => s.labels[n] ?? ''), String(s.value)]),
        values: sorted.map((s) => s.value),
      };
      for (const s of sorted)
        series.push({ name: legendName(r.target.legendFormat, s.labels), points: [[window.to, s.value]] });
    }
  }
  series.sort((a, b) => a.name.localeCompare(b.name));
  return { series, ...(table ? { table } : {}) };
}
