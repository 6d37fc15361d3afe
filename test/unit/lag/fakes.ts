import { AppError } from '../../../bot/domain/errors';
import type { ConnectOffsets, SourceOffset } from '../../../bot/ports/connect-offsets';
import type { GroupOffset, KafkaAdmin, PartitionOffsets } from '../../../bot/ports/kafka-admin';
import type { MetricSample, MetricSeries, MetricsQuery } from '../../../bot/ports/metrics';
import {
  createLagReporter,
  type LagReporterDeps,
  type LagReporterSettings,
} from '../../../bot/usecases/lag/lag-reporter';

export class FakeAdmin implements KafkaAdmin {
  offsets: PartitionOffsets[] = [];
  groups: Record<string, GroupOffset[]> = {};
  unreachable = false;
  constructor(readonly cluster: string) {}

  private check() {
    if (this.unreachable)
      throw new AppError('KAFKA_UNREACHABLE', `Kafka cluster '${this.cluster}' is unreachable`);
  }
  /** Adds a topic with `partitions` partitions, each at [earliest, latest). */
  topic(
    name: string,
    partitions: number,
    latest: (p: number) => number,
    earliest: (p: number) => number = () => 0,
  ) {
    for (let p = 0; p < partitions; p++)
      this.offsets.push({ topic: name, partition: p, earliest: earliest(p), latest: latest(p) });
    return this;
  }
  async listTopics() {
    this.check();
    return [...new Set(this.offsets.map((o) => o.topic))];
  }
  async topicMetadata(topics: string[]) {
    this.check();
    return topics.map((name) => ({ name, partitions: this.offsets.filter((o) => o.topic === name).length }));
  }
  async topicOffsets(topics: string[]) {
    this.check();
    const wanted = new Set(topics);
    return this.offsets.filter((o) => wanted.has(o.topic));
  }
  async listGroups() {
    this.check();
    return Object.keys(this.groups).map((groupId) => ({ groupId, protocolType: 'consumer' }));
  }
  async groupOffsets(groupId: string, topics?: string[]) {
    this.check();
    const all = this.groups[groupId] ?? [];
    return topics ? all.filter((o) => topics.includes(o.topic)) : all;
  }
  async close() {}
}

export class FakeConnectOffsets implements ConnectOffsets {
  offsets: SourceOffset[] = [];
  unreachable = false;
  deployed = true;
  async sourceOffsets(connector: string) {
    if (this.unreachable)
      throw new AppError('CONNECT_UNREACHABLE', 'Kafka Connect at http://connect is unreachable');
    if (!this.deployed)
      throw new AppError('NOT_FOUND', `Connector '${connector}' does not exist on http://connect.`);
    return this.offsets;
  }
}

/** Answers each PromQL query by a substring match on the metric name. */
export class FakeMetrics implements MetricsQuery {
  readonly target = 'http://prometheus.test:9090';
  unreachable = false;
  instants: Record<string, MetricSample[]> = {};
  ranges: Record<string, MetricSeries[]> = {};
  queries: string[] = [];
  private fail() {
    if (this.unreachable)
      throw new AppError(
        'PROMETHEUS_UNREACHABLE',
        `Prometheus at ${this.target} is unreachable: ECONNREFUSED`,
      );
  }
  async instant(query: string) {
    this.fail();
    this.queries.push(query);
    const hit = Object.keys(this.instants).find((k) => query.includes(k));
    return hit ? (this.instants[hit] ?? []) : [];
  }
  async range(q: { query: string }) {
    this.fail();
    this.queries.push(q.query);
    const hit = Object.keys(this.ranges).find((k) => q.query.includes(k));
    return hit ? (this.ranges[hit] ?? []) : [];
  }
}

export const fixedClock = (now = Date.UTC(2026, 10, 25, 21, 0, 0)) => ({ now: () => now });

export const thresholds = { lagRecords: { amber: 100, red: 1000 }, latencyMs: { amber: 5000, red: 30000 } };

/**
 * The lag use case over these fakes: connector `mm2-source`, the thresholds above, the fixed clock. A
 * target and a Connect without data unless given; no Prometheus unless `metrics` is given.
 */
export const fakeLagReporter = (
  deps: Partial<Omit<LagReporterDeps, 'settings'>> & {
    source: KafkaAdmin;
    settings?: Partial<LagReporterSettings>;
  },
) =>
  createLagReporter({
    target: new FakeAdmin('target'),
    connectOffsets: new FakeConnectOffsets(),
    clock: fixedClock(),
    ...deps,
    settings: { sourceConnector: 'mm2-source', thresholds, ...deps.settings },
  });
