import type { MetricsQuery } from '../../ports/metrics';
import type { LagReporter } from '../lag/lag-reporter';
import type { ConnectorHealth } from '../../ports/connector-health';
import type { Detector, Observation } from './alert-types';

const FAILED = new Set(['FAILED']);

/** Connector or task FAILED: one problem per connector (its failed tasks listed in the detail). */
export const connectorDetector = (health: ConnectorHealth): Detector => ({
  family: 'connector',
  observe: async () => {
    const states = await health.states();
    return states.map((c): Observation => {
      const failedTasks = c.tasks.filter((t) => FAILED.has(t.state));
      const failed = FAILED.has(c.state) || failedTasks.length > 0;
      const lines = failedTasks.map(
        (t) => `task ${t.id} FAILED${t.trace ? `: ${(t.trace.split('\n')[0] ?? '').slice(0, 200)}` : ''}`,
      );
      return {
        key: `connector:${c.connector}`,
        state: failed ? 'active' : 'clear',
        severity: 'critical',
        title: `Connector ${c.connector} is failing`,
        detail: failed
          ? [`connector ${c.state}`, ...lines].join('\n')
          : `connector ${c.state}, all tasks healthy`,
        openAfterMs: 0,
      };
    });
  },
});

export interface LagAlertSettings {
  /** Records behind (per topic) that count as a problem. */
  openAtRecords: number;
  /** Below this the problem counts as gone (hysteresis); default half of openAtRecords. */
  clearBelowRecords?: number;
  /** The lag must stay over the threshold this long before a thread opens. */
  sustainMs: number;
}

/** Lag over threshold, sustained: one problem for the whole replication (a pause lags every topic). */
export const lagDetector = (lag: LagReporter, settings: LagAlertSettings): Detector => ({
  family: 'lag',
  observe: async () => {
    const report = await lag.report();
    const clearBelow = settings.clearBelowRecords ?? Math.floor(settings.openAtRecords / 2);
    const over = report.topics.filter((t) => t.lag >= settings.openAtRecords);
    const max = report.topics.reduce((m, t) => Math.max(m, t.lag), 0);
    const state = over.length > 0 ? 'active' : max < clearBelow ? 'clear' : 'hold';
    const listed = over
      .slice(0, 10)
      .map((t) => `${t.topic}: ${t.lag.toLocaleString('en-US')} records behind`)
      .join('\n');
    return [
      {
        key: 'lag:replication',
        state,
        severity: 'warning',
        title: `Replication lag over ${settings.openAtRecords.toLocaleString('en-US')} records`,
        detail:
          over.length > 0
            ? `${over.length} topic(s) over the threshold, ${report.totals.lag.toLocaleString('en-US')} records behind in total\n${listed}`
            : `max lag per topic ${max.toLocaleString('en-US')} records`,
        openAfterMs: settings.sustainMs,
      },
    ];
  },
});

/** Prometheus reachable, and every `up{job=...}` target scraped. */
export const scrapeDetector = (metrics: MetricsQuery, job = 'kafka-connect'): Detector => ({
  family: 'prometheus',
  observe: async () => {
    let samples;
    try {
      samples = await metrics.instant(`up{job="${job}"}`);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return [
        {
          key: 'prometheus:unreachable',
          state: 'active',
          severity: 'critical',
          title: `Prometheus is unreachable`,
          detail: message,
          openAfterMs: 0,
        },
        {
          key: 'prometheus:scrape',
          state: 'hold',
          severity: 'warning',
          title: '',
          detail: '',
          openAfterMs: 0,
        },
      ];
    }
    const down = samples.filter((s) => s.value !== 1);
    const reachable: Observation = {
      key: 'prometheus:unreachable',
      state: 'clear',
      severity: 'critical',
      title: 'Prometheus is unreachable',
      detail: `Prometheus at ${metrics.target} answers again`,
      openAfterMs: 0,
    };
    const scrape: Observation = {
      key: 'prometheus:scrape',
      state: samples.length === 0 || down.length > 0 ? 'active' : 'clear',
      severity: 'warning',
      title: `Prometheus cannot scrape job ${job}`,
      detail:
        samples.length === 0
          ? `no targets for job "${job}" in ${metrics.target}`
          : down.length > 0
            ? `down: ${down.map((s) => s.labels.instance ?? '?').join(', ')}`
            : `all ${samples.length} target(s) up`,
      openAfterMs: 0,
    };
    return [reachable, scrape];
  },
});
