import type { Dashboard } from '../domain/dashboards/dashboard-types';

/** The provisioned dashboards (grafana/dashboards/ in the repository and the image). */
export interface DashboardSource {
  /** Rejects with CONFIG_INVALID naming the file when one cannot be read. */
  list(): Promise<Dashboard[]>;
}
