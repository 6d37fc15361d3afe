import type { MetricsQuery } from '../../ports/metrics';
import type { Clock } from '../../domain/clock';
import { lagQueries, type Aliases } from './lag-queries';

export const partitionKey = (topic: string, partition: number | string) => `${topic}\u0000${partition}`;

export interface LagMetrics {
  latencyByPartition: Map<string, number>;
  metricsLagByPartition: Map<string, number>;
  recordAgeByTopic: Map<string, number>;
  throughputByTopic: Map<string, number>;
  checkpointSecondsByGroup: Map<string, number>;
  historyByTopic: Map<string, number[]>;
}

export interface HistoryWindow {
  minutes: number;
  stepSeconds: number;
}

const finite = (v: number) => Number.isFinite(v);

/** Runs the report's PromQL in parallel; rejects as soon as Prometheus is unreachable. */
export const fetchLagMetrics = async (
  metrics: MetricsQuery,
  clock: Clock,
  aliases: Aliases,
  history: HistoryWindow = { minutes: 60, stepSeconds: 300 },
): Promise<LagMetrics> => {
  const q = lagQueries(aliases);
  const now = clock.now();
  const [latency, lag, age, rate, checkpoint, trend] = await Promise.all([
    metrics.instant(q.latencyByPartition, now),
    metrics.instant(q.metricsLagByPartition, now),
    metrics.instant(q.recordAgeByTopic, now),
    metrics.instant(q.throughputByTopic, now),
    metrics.instant(q.checkpointByGroup, now),
    metrics.range({
      query: q.metricsLagByTopic,
      start: now - history.minutes * 60_000,
      end: now,
      stepSeconds: history.stepSeconds,
    }),
  ]);
  const byPartition = (samples: typeof latency) =>
    new Map(
      samples
        .filter((s) => s.labels.topic !== undefined && s.labels.partition !== undefined && finite(s.value))
        .map((s) => [partitionKey(s.labels.topic as string, s.labels.partition as string), s.value]),
    );
  const byLabel = (samples: typeof latency, label: string, scale = 1) =>
    new Map(
      samples
        .filter((s) => s.labels[label] !== undefined && finite(s.value))
        .map((s) => [s.labels[label] as string, s.value * scale]),
    );
  return {
    latencyByPartition: byPartition(latency),
    metricsLagByPartition: byPartition(lag),
    recordAgeByTopic: byLabel(age, 'topic'),
    throughputByTopic: byLabel(rate, 'topic'),
    checkpointSecondsByGroup: byLabel(checkpoint, 'group', 1 / 1000),
    historyByTopic: new Map(
      trend
        .filter((s) => s.labels.topic !== undefined)
        .map((s) => [s.labels.topic as string, s.points.map(([, v]) => v).filter(finite)]),
    ),
  };
};
