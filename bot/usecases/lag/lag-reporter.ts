import type { Clock } from '../../domain/clock';
import { AppError, isAppError } from '../../domain/errors';
import { singleFlight } from '../../domain/single-flight';
import type { ConnectOffsets } from '../../ports/connect-offsets';
import type { KafkaAdmin } from '../../ports/kafka-admin';
import type { MetricsQuery } from '../../ports/metrics';
import { DEFAULT_TOLERANCE, disagreement, type Tolerance } from './cross-check';
import { exactLag } from './exact-lag';
import { DEFAULT_GROUPS_EXCLUDE, groupSync } from './group-sync';
import { fetchLagMetrics, partitionKey, type HistoryWindow, type LagMetrics } from './lag-metrics';
import type { GroupSync, LagReport, LagThresholds, PartitionLag, SourceStatus, TopicLag } from './lag-types';
import { compileRegex, DEFAULT_TOPICS_EXCLUDE, inScope, type TopicScope } from '../../domain/topic-filter';
import { grade, verdictRank, worst } from './verdict';

export interface LagReporterSettings {
  /** The MirrorSourceConnector whose committed offsets are read. */
  sourceConnector: string;
  /** Cluster aliases as in the connector config (also the metrics' source/target labels). */
  sourceAlias?: string;
  targetAlias?: string;
  thresholds: LagThresholds;
  /** Regexes (JS syntax) limiting which source topics are replicated; exclude defaults to MM2's. */
  topicsInclude?: string;
  topicsExclude?: string;
  groupsInclude?: string;
  groupsExclude?: string;
  /** Groups shown at most (default 25). */
  maxGroups?: number;
  tolerance?: Partial<Tolerance>;
  history?: HistoryWindow;
  /** Partitions listed as the worst (default 10). */
  worstPartitions?: number;
}

export interface LagReporterDeps {
  source: KafkaAdmin;
  target: KafkaAdmin;
  connectOffsets: ConnectOffsets;
  /** Optional: without Prometheus the report is exact lag only. */
  metrics?: MetricsQuery;
  clock: Clock;
  settings: LagReporterSettings;
}

export interface LagRequest {
  /** The user's topic regex (searched anywhere in the name). */
  filter?: string;
  /** The active profile's thresholds, when they differ from the settings'. */
  thresholds?: LagThresholds;
}

export interface LagReporter {
  report(request?: LagRequest): Promise<LagReport>;
}

type Outcome<T> = { ok: true; value: T } | { ok: false; error: AppError };

const settle = async <T>(work: () => Promise<T>): Promise<Outcome<T>> => {
  try {
    return { ok: true, value: await work() };
  } catch (error) {
    const app = isAppError(error)
      ? error
      : new AppError('INTERNAL', error instanceof Error ? error.message : String(error), undefined, {
          cause: error,
        });
    return { ok: false, error: app };
  }
};

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

const byWorst = (a: TopicLag, b: TopicLag) =>
  verdictRank(b.verdict) - verdictRank(a.verdict) ||
  b.lag - a.lag ||
  (b.latencyMs ?? 0) - (a.latencyMs ?? 0) ||
  a.topic.localeCompare(b.topic);

export const createLagReporter = (deps: LagReporterDeps): LagReporter => {
  const { settings } = deps;
  const tolerance: Tolerance = { ...DEFAULT_TOLERANCE, ...settings.tolerance };
  const baseScope = {
    exclude: compileRegex(settings.topicsExclude ?? DEFAULT_TOPICS_EXCLUDE, 'topics exclude pattern'),
    ...(settings.topicsInclude
      ? { include: compileRegex(settings.topicsInclude, 'topics include pattern') }
      : {}),
  };
  const groupScope = {
    exclude: settings.groupsExclude
      ? compileRegex(settings.groupsExclude, 'groups exclude pattern')
      : DEFAULT_GROUPS_EXCLUDE,
    ...(settings.groupsInclude
      ? { include: compileRegex(settings.groupsInclude, 'groups include pattern') }
      : {}),
    max: settings.maxGroups ?? 25,
  };
  const aliases = {
    ...(settings.sourceAlias ? { source: settings.sourceAlias } : {}),
    ...(settings.targetAlias ? { target: settings.targetAlias } : {}),
  };

  /**
   * Every partition in the profile's scope, read once for all concurrent askers (`/mm2 lag`, `report
   * now`, the alert watcher): each then keeps its own topics, on copies.
   */
  const allExactPartitions = singleFlight(async (): Promise<PartitionLag[]> => {
    const topics = (await deps.source.listTopics()).filter((t) => inScope(baseScope, t)).sort();
    const [offsets, committed] = await Promise.all([
      deps.source.topicOffsets(topics),
      deps.connectOffsets.sourceOffsets(settings.sourceConnector),
    ]);
    return exactLag(offsets, committed, settings.sourceAlias);
  });
  const exactPartitions = async (scope: TopicScope): Promise<PartitionLag[]> =>
    (await allExactPartitions()).filter((p) => inScope(scope, p.topic)).map((p) => ({ ...p }));
  const lagMetrics = deps.metrics
    ? singleFlight(() => fetchLagMetrics(deps.metrics as MetricsQuery, deps.clock, aliases, settings.history))
    : undefined;

  /** Fallback when Kafka or Connect cannot be read: the MM2 consumer's records-lag. */
  const metricsPartitions = (m: LagMetrics, scope: TopicScope): PartitionLag[] =>
    [...m.metricsLagByPartition.entries()]
      .map(([key, value]) => {
        const [topic, partition] = key.split('\u0000') as [string, string];
        return {
          topic,
          partition: Number(partition),
          lag: Math.max(0, Math.round(value)),
          metricsLag: value,
        };
      })
      .filter((p) => inScope(scope, p.topic));

  return {
    report: async (request = {}) => {
      const thresholds = request.thresholds ?? settings.thresholds;
      const scope: TopicScope = {
        ...baseScope,
        ...(request.filter ? { filter: compileRegex(request.filter, 'topic filter') } : {}),
      };
      const [exact, metrics] = await Promise.all([
        settle(() => exactPartitions(scope)),
        lagMetrics
          ? settle(lagMetrics)
          : Promise.resolve<Outcome<LagMetrics>>({
              ok: false,
              error: new AppError('CONFIG_INVALID', 'Prometheus is not configured'),
            }),
      ]);
      if (!exact.ok && !metrics.ok) throw exact.error;

      const notes: string[] = [];
      const reasons: string[] = [];
      const m = metrics.ok ? metrics.value : undefined;
      const partitions = exact.ok ? exact.value : metricsPartitions(m as LagMetrics, scope);
      const lagSource = exact.ok ? 'exact' : 'metrics';
      if (!exact.ok && isAppError(exact.error, 'NOT_FOUND')) {
        // Connect knows no such connector: before the first deploy, not a fault to investigate.
        reasons.push(`${settings.sourceConnector} is not deployed: nothing replicates yet`);
        notes.push('Deploy the connectors with `/mm2 deploy`, then ask again.');
      } else if (!exact.ok) {
        notes.push(
          `Exact lag unavailable (${exact.error.message}); lag shown is MM2's consumer records-lag from Prometheus.`,
        );
        reasons.push('exact lag unavailable');
      }
      if (!metrics.ok) {
        notes.push(
          `${metrics.error.message}: replication latency, record age, throughput and history are missing; lag is exact.`,
        );
      }

      const topicsByName = new Map<string, PartitionLag[]>();
      for (const p of partitions) {
        if (m) {
          const key = partitionKey(p.topic, p.partition);
          const latency = m.latencyByPartition.get(key);
          if (latency !== undefined) p.latencyMs = latency;
          const metricsLag = m.metricsLagByPartition.get(key);
          if (metricsLag !== undefined) p.metricsLag = metricsLag;
        }
        const list = topicsByName.get(p.topic) ?? [];
        list.push(p);
        topicsByName.set(p.topic, list);
      }

      const topics: TopicLag[] = [...topicsByName.entries()].map(([topic, rows]) => {
        const lag = rows.reduce((sum, r) => sum + r.lag, 0);
        const latencies = rows.map((r) => r.latencyMs).filter((v): v is number => v !== undefined);
        const metricRows = rows.filter((r) => r.metricsLag !== undefined);
        const row: TopicLag = {
          topic,
          partitions: rows.length,
          lag,
          lagSource,
          history: m?.historyByTopic.get(topic) ?? [],
          verdict: 'green',
        };
        if (latencies.length) row.latencyMs = Math.max(...latencies);
        const age = m?.recordAgeByTopic.get(topic);
        if (age !== undefined) row.recordAgeMs = age;
        const throughput = m?.throughputByTopic.get(topic);
        if (throughput !== undefined) row.throughput = throughput;
        if (metricRows.length) row.metricsLag = metricRows.reduce((s, r) => s + (r.metricsLag as number), 0);
        if (exact.ok) {
          const differ = disagreement(lag, row.metricsLag, throughput, tolerance);
          if (differ) row.disagreement = differ;
        }
        row.verdict = worst(grade(lag, thresholds.lagRecords), grade(row.latencyMs, thresholds.latencyMs));
        return row;
      });
      topics.sort(byWorst);

      let groups: GroupSync[] = [];
      const groupOutcome = await settle(() =>
        groupSync(
          deps.source,
          deps.target,
          (t) => topicsByName.has(t),
          groupScope,
          m?.checkpointSecondsByGroup,
          thresholds,
        ),
      );
      if (groupOutcome.ok) {
        groups = groupOutcome.value.groups;
        if (groupOutcome.value.omitted > 0)
          notes.push(`${groupOutcome.value.omitted} more consumer group(s) not shown.`);
      } else {
        notes.push(`Consumer group offset sync unavailable: ${groupOutcome.error.message}`);
      }
      groups.sort(
        (a, b) => verdictRank(b.verdict) - verdictRank(a.verdict) || a.group.localeCompare(b.group),
      );

      for (const t of topics.filter((t) => t.verdict !== 'green').slice(0, 5)) {
        const parts = [`${fmt(t.lag)} records behind`];
        if (t.latencyMs !== undefined) parts.push(`latency ${fmt(t.latencyMs)} ms`);
        reasons.push(`${t.topic} (${t.verdict}): ${parts.join(', ')}`);
      }
      for (const g of groups.filter((g) => g.verdict !== 'green').slice(0, 3)) {
        reasons.push(
          `group ${g.group} (${g.verdict}): checkpoint latency ${fmt(g.checkpointAgeSeconds ?? 0)} s`,
        );
      }
      const disagreeing = topics.filter((t) => t.disagreement).length;
      if (disagreeing > 0) {
        notes.push(
          `${disagreeing} topic(s): exact lag and Prometheus disagree beyond tolerance (metrics may be stale, e.g. while MM2 is paused).`,
        );
      }
      if (topics.length === 0) {
        notes.push(
          request.filter
            ? `No replicated topic matches \`${request.filter}\`.`
            : 'No replicated topics found.',
        );
      }

      const worstN = settings.worstPartitions ?? 10;
      const worstPartitions = [...partitions]
        .filter((p) => p.lag > 0 || (p.latencyMs ?? 0) > 0)
        .sort((a, b) => b.lag - a.lag || (b.latencyMs ?? 0) - (a.latencyMs ?? 0))
        .slice(0, worstN);
      partitions.sort((a, b) => a.topic.localeCompare(b.topic) || a.partition - b.partition);

      const exactStatus: SourceStatus = exact.ok ? { ok: true } : { ok: false, error: exact.error.message };
      const metricsStatus: SourceStatus = metrics.ok
        ? { ok: true, target: (deps.metrics as MetricsQuery).target }
        : { ok: false, error: metrics.error.message };
      const verdict = worst(
        ...topics.map((t) => t.verdict),
        ...groups.map((g) => g.verdict),
        exact.ok ? 'green' : 'amber',
      );
      const report: LagReport = {
        generatedAt: deps.clock.now(),
        connector: settings.sourceConnector,
        verdict,
        reasons,
        notes,
        topics,
        worstPartitions,
        partitions,
        groups,
        totals: {
          topics: topics.length,
          partitions: partitions.length,
          lag: topics.reduce((s, t) => s + t.lag, 0),
        },
        sources: { exact: exactStatus, metrics: metricsStatus },
      };
      if (request.filter) report.filter = request.filter;
      return report;
    },
  };
};
