import type { BotConfig } from '../config/bot-config';
import { echartsDrawer } from '../adapters/charts/echarts-drawer';
import { fileDashboards } from '../adapters/dashboards/file-dashboards';
import { grafanaRenderClient } from '../adapters/grafana/grafana-render-client';
import type { Clock } from '../domain/clock';
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
