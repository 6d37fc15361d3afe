import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { MetricSample, MetricsQuery } from '../../../bot/ports/metrics';
import {
  ruleAlertsDetector,
  RULES_WATCHED_BY_THE_BOT,
} from '../../../bot/usecases/alerts/rule-alerts-detector';

/** An in-memory MetricsQuery that answers `ALERTS{alertstate="firing"}` with the given series. */
function prometheus(firing: MetricSample[]): MetricsQuery & { queries: string[] } {
  const queries: string[] = [];
  return {
    target: 'http://prometheus.mm2.internal:9090',
    queries,
    instant: async (query) => {
      queries.push(query);
      return firing;
    },
    range: async () => [],
  };
}

const alert = (alertname: string, labels: Record<string, string> = {}): MetricSample => ({
  labels: { __name__: 'ALERTS', alertname, alertstate: 'firing', ...labels },
  value: 1,
});

describe('ruleAlertsDetector (defect 10: firing rules reach the channel)', () => {
  it('turns each firing rule and label set into one active problem, keyed stably, with its severity', async () => {
    const metrics = prometheus([
      alert('MM2ReplicationLagHigh', { topic: 'orders', severity: 'warning' }),
      alert('MM2ReplicationLatencyHigh', {
        topic: 'clicks',
        severity: 'critical',
        instance: '10.0.1.5:9404',
      }),
    ]);
    const observations = await ruleAlertsDetector(metrics).observe();
    expect(metrics.queries).toEqual(['ALERTS{alertstate="firing"}']);
    expect(observations).toEqual([
      expect.objectContaining({
        key: 'rule:MM2ReplicationLagHigh:topic=orders',
        state: 'active',
        severity: 'warning',
        title: 'Prometheus alert MM2ReplicationLagHigh (topic=orders)',
        openAfterMs: 0,
      }),
      expect.objectContaining({ key: 'rule:MM2ReplicationLatencyHigh:topic=clicks', severity: 'critical' }),
    ]);
  });

  it('leaves out the rules the bot watches itself, so one problem has one thread', async () => {
    const observations = await ruleAlertsDetector(
      prometheus([alert('MM2ConnectorFailed', { connector: 'mm2-source' }), alert('MM2ExporterMissing')]),
    ).observe();
    expect(observations.map((o) => o.key)).toEqual(['rule:MM2ExporterMissing']);
  });

  it('names only rules that exist in the rules file', () => {
    const file = parse(
      readFileSync(join(__dirname, '../../../docker/prometheus/rules/mm2-alerts.yml'), 'utf8'),
    ) as { groups: Array<{ rules: Array<{ alert: string }> }> };
    const names = file.groups.flatMap((g) => g.rules.map((r) => r.alert));
    for (const name of RULES_WATCHED_BY_THE_BOT) expect(names).toContain(name);
    // Every other rule goes to the channel through this detector.
    expect(names.filter((n) => !RULES_WATCHED_BY_THE_BOT.includes(n as never)).length).toBeGreaterThan(0);
  });

  it('reports nothing when nothing fires (the watcher then resolves its open rule threads)', async () => {
    expect(await ruleAlertsDetector(prometheus([])).observe()).toEqual([]);
  });
});
