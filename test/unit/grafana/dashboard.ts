import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const ROOT = resolve(__dirname, '../../..');
export const DASHBOARD_FILE = join(ROOT, 'grafana/dashboards/mm2.json');

export interface Target {
  refId: string;
  expr: string;
  datasource?: { type: string; uid: string };
}
export interface Panel {
  id: number;
  type: string;
  title: string;
  datasource?: { type: string; uid: string };
  gridPos: { x: number; y: number; w: number; h: number };
  targets?: Target[];
}
export interface Dashboard {
  uid: string;
  title: string;
  panels: Panel[];
  templating: { list: Array<{ name: string; allValue?: string; datasource?: { uid: string } }> };
}

export function loadDashboard(file = DASHBOARD_FILE): Dashboard {
  return JSON.parse(readFileSync(file, 'utf8')) as Dashboard;
}

/** Panels that query data (rows only group them). */
export function queryPanels(dashboard: Dashboard): Panel[] {
  return dashboard.panels.filter((p) => p.type !== 'row');
}

/**
 * A panel's PromQL as Prometheus would receive it from Grafana: template variables replaced by their
 * "All" value and Grafana's interval macros by fixed durations.
 */
export function concreteExpr(expr: string, scrapeInterval = '15s'): string {
  return expr
    .replace(/\$__rate_interval/g, '1m')
    .replace(/\$__interval/g, scrapeInterval)
    .replace(/\$__range/g, '5m')
    .replace(/\$\{?topic\}?/g, '.*');
}
