import type { BotConfig } from '../config/bot-config';
import { echartsDrawer } from '../adapters/charts/echarts-drawer';
import { fileDashboards } from '../adapters/dashboards/file-dashboards';
import { grafanaRenderClient } from '../adapters/grafana/grafana-render-client';
import type { Clock } from '../domain/clock';
import type { Logger } from '../ports/logger';
import type { ChartLog } from '../usecases/snapshots/chart-posts';
import type { MetricsQuery } from '../ports/metrics';
import { createSnapshotService, type SnapshotService } from '../usecases/snapshots/snapshot-service';

/** Panel snapshots: Grafana's renderer when GRAFANA_URL is set (and it has one), the built-in one always. */
export function createSnapshots(config: BotConfig, metrics: MetricsQuery, clock: Clock): SnapshotService {
  const { snapshots } = config;
  return createSnapshotService({
    dashboards: fileDashboards(snapshots.dashboardsDir),
    metrics,
    drawer: echartsDrawer(),
    ...(config.grafanaUrl
      ? {
          grafana: grafanaRenderClient({
            url: config.grafanaUrl,
            token: snapshots.grafanaToken,
            timeoutMs: snapshots.grafanaTimeoutSeconds * 1000,
          }),
        }
      : {}),
    scrapeIntervalSeconds: snapshots.scrapeIntervalSeconds,
    now: () => clock.now(),
  });
}

/** The scheduled lag report's chart covers this much time before its slot. */
export const REPORT_CHART_WINDOW_MS = 6 * 3_600_000;

export const chartLog = (log: Logger): ChartLog => ({ warn: (m) => log.warn({}, m) });
