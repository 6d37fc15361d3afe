import type { ConnectClient } from '../../../ports/connect';
import type { ConnectOffsets } from '../../../ports/connect-offsets';
import type { KafkaAdmin } from '../../../ports/kafka-admin';
import type { KafkaGroups } from '../../../ports/kafka-groups';
import type { MetricsQuery } from '../../../ports/metrics';
import { exactLag } from '../../lag/exact-lag';
import type {
  ConfigsSnapshot,
  ConnectorsSnapshot,
  EndsSnapshot,
  GroupSnapshot,
  LagSample,
  TopicsSnapshot,
} from './measurements';

export interface ProbeDeps {
  source: KafkaAdmin;
  target: KafkaAdmin;
  sourceGroups: KafkaGroups;
  targetGroups: KafkaGroups;
  connect: Pick<ConnectClient, 'status' | 'getConfig'>;
  connectOffsets: ConnectOffsets;
  metrics?: MetricsQuery;
  now(): number;
  connectors: { source: string; checkpoint: string; heartbeat: string };
  sourceAlias: string;
  targetAlias: string;
  /** The profile's topic scope (include/exclude). */
  inScope(topic: string): boolean;
}

const ROLES = ['source', 'checkpoint', 'heartbeat'] as const;

/**
 * Measures what the gates read, through the ports only, and nothing else. Every call returns fresh
 * numbers: gates are measured at the moment they are evaluated, never remembered.
 */
export class CutoverProbe {
  constructor(private readonly deps: ProbeDeps) {}

  get sourceAlias(): string {
    return this.deps.sourceAlias;
  }

  async connectors(): Promise<ConnectorsSnapshot> {
    const names = this.deps.connectors;
    const [statuses, configs] = await Promise.all([
      Promise.all(ROLES.map((r) => this.deps.connect.status(names[r]))),
      Promise.all(ROLES.map((r) => this.deps.connect.getConfig(names[r]))),
    ]);
    const by = <T>(values: T[]) =>
      Object.fromEntries(ROLES.map((r, i) => [r, values[i]])) as Record<(typeof ROLES)[number], T>;
    return {
      names,
      status: by(statuses),
      policy: by(configs.map((c) => c?.['replication.policy.class'])),
    };
  }

  /** Topics in the profile's scope that exist on the source, restricted to `only` when given. */
  async topics(only?: string[]): Promise<string[]> {
    const listed = await this.deps.source.listTopics();
    const wanted = only ? new Set(only) : undefined;
    return listed.filter((t) => this.deps.inScope(t) && (!wanted || wanted.has(t))).sort();
  }

  async partitionCounts(topics: string[]): Promise<TopicsSnapshot> {
    const onTarget = new Set(await this.deps.target.listTopics());
    const [source, target] = await Promise.all([
      this.deps.source.topicMetadata(topics),
      this.deps.target.topicMetadata(topics.filter((t) => onTarget.has(t))),
    ]);
    return { source, target };
  }

  async configs(topics: string[]): Promise<ConfigsSnapshot> {
    const onTarget = new Set(await this.deps.target.listTopics());
    const [source, target] = await Promise.all([
      this.deps.sourceGroups.topicConfigs(topics),
      this.deps.targetGroups.topicConfigs(topics.filter((t) => onTarget.has(t))),
    ]);
    return { source, target };
  }

  async lag(topics: string[]): Promise<LagSample> {
    const [offsets, committed] = await Promise.all([
      this.deps.source.topicOffsets(topics),
      this.deps.connectOffsets.sourceOffsets(this.deps.connectors.source),
    ]);
    return { at: this.deps.now(), partitions: exactLag(offsets, committed, this.deps.sourceAlias) };
  }

  async ends(cluster: 'source' | 'target', topics: string[]): Promise<EndsSnapshot> {
    const offsets = await this.deps[cluster].topicOffsets(topics);
    return { at: this.deps.now(), offsets };
  }

  /** Checkpoint latency (ms) per group from MM2's metrics; empty when Prometheus is not configured. */
  async checkpointLatency(): Promise<Map<string, number>> {
    if (!this.deps.metrics) return new Map();
    const samples = await this.deps.metrics.instant(
      `max by (group) (kafka_connect_mirror_checkpoint_connector_checkpoint_latency_ms{source="${this.deps.sourceAlias}",target="${this.deps.targetAlias}"})`,
    );
    return new Map(samples.filter((s) => s.labels.group).map((s) => [s.labels.group!, s.value]));
  }

  /** One group on both clusters at once: members, commits, ends and the replication lag of its partitions. */
  async group(group: string): Promise<GroupSnapshot> {
    return (await this.groups([group]))[0]!;
  }

  /**
   * Several groups measured together: one describe per cluster for all of them, and the end offsets and
   * lag of the union of their topics fetched once (a batch of 50 groups costs about one group's topic
   * calls, not 50 times them). Each snapshot holds only its own group's partitions.
   */
  async groups(groups: string[]): Promise<GroupSnapshot[]> {
    if (groups.length === 0) return [];
    const [sources, targets, committed] = await Promise.all([
      this.deps.sourceGroups.describeGroups(groups),
      this.deps.targetGroups.describeGroups(groups),
      Promise.all(groups.map((g) => this.deps.source.groupOffsets(g))),
    ]);
    const inScope = committed.map((c) => c.filter((o) => this.deps.inScope(o.topic)));
    const topicsOf = inScope.map((c) => [...new Set(c.map((o) => o.topic))].sort());
    const all = [...new Set(topicsOf.flat())].sort();
    // The lag is joined from the same source ends (one read of them, not two), at the same moment.
    const [targetCommitted, sourceEnds, targetEnds, connectCommitted] = await Promise.all([
      Promise.all(groups.map((g, i) => this.deps.target.groupOffsets(g, topicsOf[i]))),
      this.deps.source.topicOffsets(all),
      this.deps.target.topicOffsets(all),
      all.length > 0
        ? this.deps.connectOffsets.sourceOffsets(this.deps.connectors.source)
        : Promise.resolve([]),
    ]);
    const lag = { partitions: exactLag(sourceEnds, connectCommitted, this.deps.sourceAlias) };
    return groups.map((group, i) => {
      const mine = new Set(topicsOf[i]);
      const absent = { groupId: group, state: 'Dead', members: [] };
      return {
        group,
        source: sources.find((d) => d.groupId === group) ?? absent,
        target: targets.find((d) => d.groupId === group) ?? absent,
        sourceCommitted: inScope[i]!,
        targetCommitted: targetCommitted[i]!,
        sourceEnds: sourceEnds.filter((o) => mine.has(o.topic)),
        targetEnds: targetEnds.filter((o) => mine.has(o.topic)),
        lag: lag.partitions.filter((p) => mine.has(p.topic)),
      };
    });
  }
}
