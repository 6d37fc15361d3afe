import type { ChartSpec, ChartTheme } from '../../ports/chart-drawer';
import { formatUnit } from '../../domain/units';
import type { DashboardPanel } from '../../domain/dashboards/dashboard-types';
import type { PanelData } from './panel-data';

const GRAFANA_COLORS: Record<string, string> = {
  green: '#56A64B',
  red: '#E02F44',
  orange: '#FF9830',
  yellow: '#F2CC0C',
  blue: '#3274D9',
  purple: '#A352CC',
};

/** The colour Grafana's thresholds give `value` (the last step at or below it). */
export function thresholdColor(panel: DashboardPanel, value: number | undefined): string {
  const steps = panel.fieldConfig?.defaults?.thresholds?.steps ?? [];
  let color = steps[0]?.color ?? 'green';
  for (const step of steps)
    if (step.value !== null && value !== undefined && value >= step.value) color = step.color;
  return GRAFANA_COLORS[color] ?? color;
}

/** How the built-in renderer draws a panel type: time series, stat (value + sparkline) or table. */
export function chartSpec(
  panel: DashboardPanel,
  data: PanelData,
  frame: { from: number; to: number; width: number; height: number; theme: ChartTheme },
): ChartSpec {
  const unit = panel.fieldConfig?.defaults?.unit;
  const common = {
    title: panel.title,
    width: frame.width,
    height: frame.height,
    theme: frame.theme,
    format: (v: number) => formatUnit(unit, v),
  };
  if (panel.type === 'table' || (data.table && data.series.every((s) => s.points.length <= 1)))
    return { ...common, kind: 'table', columns: data.table?.columns ?? [], rows: data.table?.rows ?? [] };
  if (panel.type === 'stat' || panel.type === 'gauge' || panel.type === 'singlestat') {
    const last = data.series[0]?.points.filter(([, v]) => v !== null).at(-1)?.[1] ?? undefined;
    return {
      ...common,
      kind: 'stat',
      from: frame.from,
      to: frame.to,
      series: data.series,
      color: thresholdColor(panel, last ?? undefined),
    };
  }
  return { ...common, kind: 'timeseries', from: frame.from, to: frame.to, series: data.series };
}
