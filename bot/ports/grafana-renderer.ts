import type { ChartTheme } from './chart-drawer';

export interface GrafanaRenderRequest {
  dashboardUid: string;
  panelId: number;
  /** Unix milliseconds. */
  from: number;
  to: number;
  /** Template variables, e.g. { topic: ['orders'] }. */
  vars: Record<string, string[]>;
  width: number;
  height: number;
  theme: ChartTheme;
}

/**
 * Grafana's render API (`/render/d-solo/...`), which needs Grafana's separate image-renderer service.
 * Errors: GRAFANA_NO_RENDERER (no renderer, or a placeholder/limit image instead of the panel),
 * FORBIDDEN (401/403: the token), TIMEOUT, GRAFANA_UNREACHABLE.
 */
export interface GrafanaRenderer {
  /** Where Grafana is (credentials stripped), for messages. */
  readonly target: string;
  /** Whether Grafana says an image renderer is available (`/api/frontend/settings`). */
  rendererAvailable(): Promise<boolean>;
  renderPanel(request: GrafanaRenderRequest): Promise<Buffer>;
}
