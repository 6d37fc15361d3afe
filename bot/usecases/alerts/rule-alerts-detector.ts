import type { MetricsQuery } from '../../ports/metrics';
import type { Detector, Observation, Severity } from './alert-types';

/**
 * The rules in docker/prometheus/rules/mm2-alerts.yml the bot's own detectors already watch the same way
 * (connector and task states from Connect, the exporter's scrape): left out so one problem has one thread.
 */
export const RULES_WATCHED_BY_THE_BOT = ['MM2ConnectorFailed', 'MM2TaskFailed', 'MM2ExporterDown'] as const;

const IGNORED_LABELS = new Set([
  '__name__',
  'alertname',
  'alertstate',
  'severity',
  'job',
  'instance',
  'system',
]);

/**
 * Prometheus' firing alerts as one more source of alert threads: the rules file stays the one definition
 * of each of its thresholds, and the channel hears about every rule that fires. Reads the `ALERTS`
 * series (one per firing alert and label set) through the same query port as every other metric.
 */
export const ruleAlertsDetector = (
  metrics: MetricsQuery,
  exclude: readonly string[] = RULES_WATCHED_BY_THE_BOT,
): Detector => ({
  family: 'rule',
  observe: async () => {
    const firing = await metrics.instant('ALERTS{alertstate="firing"}');
    return firing
      .filter((s) => s.labels.alertname && !exclude.includes(s.labels.alertname))
      .map((s): Observation => {
        const labels = Object.entries(s.labels)
          .filter(([k]) => !IGNORED_LABELS.has(k))
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([k, v]) => `${k}=${v}`);
        const severity: Severity = s.labels.severity === 'critical' ? 'critical' : 'warning';
        return {
          key: `rule:${s.labels.alertname}${labels.length > 0 ? `:${labels.join(',')}` : ''}`,
          state: 'active',
          severity,
          title: `Prometheus alert ${s.labels.alertname}${labels.length > 0 ? ` (${labels.join(', ')})` : ''}`,
          detail: `firing in Prometheus (${metrics.target}); rule in docker/prometheus/rules/mm2-alerts.yml`,
          // The rule's own `for:` has already held it: open at once.
          openAfterMs: 0,
        };
      });
  },
});
