import { AppError, isAppError } from '../../domain/errors';
import type { ChartDrawer, ChartTheme } from '../../ports/chart-drawer';
import type { DashboardSource } from '../../ports/dashboards';
import type { GrafanaRenderer } from '../../ports/grafana-renderer';
import type { MetricsQuery } from '../../ports/metrics';
import { chartSpec } from './chart-spec';
import { findPanel, snapshotPanels, type PanelRef } from './find-panel';
import { queryPanel } from './panel-data';
import { fitIntervals, unknownVariables, variableValues } from './promql-template';
import { summarize, type SeriesSummary } from './series-summary';

export interface SnapshotRequest {
  /** Id or title (forgiving), or a panel already found. */
  panel: string | PanelRef;
  from: number;
  to: number;
  vars?: Record<string, string[]>;
  theme?: ChartTheme;
  width?: number;
  height?: number;
}

export interface Snapshot {
  png: Buffer;
  panel: PanelRef;
  from: number;
  to: number;
  vars: Record<string, string[]>;
  width: number;
  height: number;
  series: SeriesSummary[];
  renderer: 'grafana' | 'built-in';
  /** Why the built-in renderer drew it although Grafana is configured. */
  fallback?: string;
}

export interface SnapshotService {
  panels(): Promise<PanelRef[]>;
  take(request: SnapshotRequest): Promise<Snapshot>;
}

export interface SnapshotDeps {
  dashboards: DashboardSource;
  metrics: MetricsQuery;
  drawer: ChartDrawer;
  /** Absent: no GRAFANA_URL, the built-in renderer draws everything. */
  grafana?: GrafanaRenderer;
  /** Prometheus's scrape interval (the datasource's timeInterval): the smallest step and rate window. */
  scrapeIntervalSeconds: number;
  now: () => number;
  /** How long Grafana's "renderer available" answer is trusted. */
  rendererCheckTtlMs?: number;
}

export const DEFAULT_SIZE = { width: 800, height: 400 };

/**
 * Panel snapshots: Grafana's renderer when Grafana has one and it draws the panel, else the built-in
 * renderer from the panel's own queries. The data is read either way: the summary needs it.
 */
export function createSnapshotService(deps: SnapshotDeps): SnapshotService {
  let rendererCheck: { at: number; available: Promise<boolean> } | undefined;
  const ttl = deps.rendererCheckTtlMs ?? 60_000;

  const rendererAvailable = (grafana: GrafanaRenderer): Promise<boolean> => {
    const now = deps.now();
    if (!rendererCheck || now - rendererCheck.at > ttl) {
      const available = grafana.rendererAvailable();
      rendererCheck = { at: now, available };
      // A failed check is not remembered: the next snapshot asks again.
      available.catch(() => (rendererCheck = undefined));
    }
    return rendererCheck.available;
  };

  const panels = async () => snapshotPanels(await deps.dashboards.list());

  const viaGrafana = async (
    grafana: GrafanaRenderer,
    ref: PanelRef,
    request: Required<Omit<SnapshotRequest, 'panel'>>,
  ): Promise<{ png: Buffer } | { fallback: string }> => {
    try {
      if (!(await rendererAvailable(grafana)))
        return { fallback: `Grafana at ${grafana.target} has no image renderer` };
      const png = await grafana.renderPanel({
        dashboardUid: ref.dashboard.uid,
        panelId: ref.panel.id,
        from: request.from,
        to: request.to,
        vars: request.vars,
        width: request.width,
        height: request.height,
        theme: request.theme,
      });
      return { png };
    } catch (error) {
      if (!isAppError(error)) throw error;
      return { fallback: error.message.replace(/\.$/, '') };
    }
  };

  return {
    panels,
    async take(request) {
      const ref =
        typeof request.panel === 'string' ? findPanel(await panels(), request.panel) : request.panel;
      const vars = request.vars ?? {};
      const unknown = unknownVariables(ref.dashboard, vars);
      if (unknown.length > 0) {
        const known = (ref.dashboard.templating?.list ?? []).map((v) => v.name);
        throw new AppError(
          'BAD_INPUT',
          `The dashboard "${ref.dashboard.title}" has no variable ${unknown.join(', ')}.`,
          known.length
            ? `Its variables: ${known.join(', ')} (e.g. ${known[0]}=value).`
            : 'It has no variables.',
        );
      }
      const full = {
        from: request.from,
        to: request.to,
        vars,
        theme: request.theme ?? 'light',
        width: request.width ?? DEFAULT_SIZE.width,
        height: request.height ?? DEFAULT_SIZE.height,
      };
      const intervals = fitIntervals(full.from, full.to, full.width, deps.scrapeIntervalSeconds);
      const [data, grafana] = await Promise.all([
        queryPanel(deps.metrics, ref.panel, full, variableValues(ref.dashboard, vars), intervals),
        deps.grafana ? viaGrafana(deps.grafana, ref, full) : undefined,
      ]);
      const base = { panel: ref, ...full, series: summarize(data.series) };
      if (grafana && 'png' in grafana) return { ...base, png: grafana.png, renderer: 'grafana' };
      const png = await deps.drawer.draw(chartSpec(ref.panel, data, full));
      return { ...base, png, renderer: 'built-in', ...(grafana ? { fallback: grafana.fallback } : {}) };
    },
  };
}
