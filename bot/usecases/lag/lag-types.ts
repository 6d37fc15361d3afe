export type Verdict = 'green' | 'amber' | 'red';

export interface Band {
  amber: number;
  red: number;
}

/** From the migration profile; plain data so the caller decides where it comes from. */
export interface LagThresholds {
  /** Records behind, per topic (sum over its partitions). */
  lagRecords: Band;
  /** Replication latency, per topic (max over its partitions). */
  latencyMs: Band;
  /** Checkpoint latency of a consumer group (see group-sync.ts for what it measures). */
  checkpointAgeSeconds?: Band;
}

export interface PartitionLag {
  topic: string;
  partition: number;
  /** Source log start/end offsets; absent when only the metrics view was available. */
  earliest?: number;
  latest?: number;
  /** MirrorSourceConnector's committed offset; undefined when it has none yet. */
  committed?: number;
  /** Exact records still to replicate. */
  lag: number;
  latencyMs?: number;
  /** MM2 consumer's records-lag from Prometheus (the metrics view). */
  metricsLag?: number;
}

export interface TopicLag {
  topic: string;
  partitions: number;
  /** Exact lag (sum); when the exact source failed, the metrics lag. */
  lag: number;
  lagSource: 'exact' | 'metrics';
  latencyMs?: number;
  recordAgeMs?: number;
  /** Records per second replicated (rate of record-count over 5m). */
  throughput?: number;
  metricsLag?: number;
  /** Set when exact and metrics lag disagree beyond the tolerance. */
  disagreement?: string;
  /** Metrics lag over the history window, oldest first (may be empty). */
  history: number[];
  verdict: Verdict;
}

export interface GroupSync {
  group: string;
  topics: string[];
  /** Partitions the group committed on the source. */
  sourcePartitions: number;
  /** Of those, partitions with a translated offset on the target. */
  translatedPartitions: number;
  /** Sum over translated partitions of target end offset - the group's committed offset there. */
  targetLag?: number;
  checkpointAgeSeconds?: number;
  verdict: Verdict;
  note?: string;
}

export type SourceStatus = { ok: true; target?: string } | { ok: false; error: string };

export interface LagReport {
  generatedAt: number;
  connector: string;
  filter?: string;
  verdict: Verdict;
  /** Why the verdict is not green, worst first. */
  reasons: string[];
  notes: string[];
  /** Worst first. */
  topics: TopicLag[];
  /** Worst first; a few. */
  worstPartitions: PartitionLag[];
  /** Every partition (for the CSV), topic then partition order. */
  partitions: PartitionLag[];
  groups: GroupSync[];
  totals: { topics: number; partitions: number; lag: number };
  sources: { exact: SourceStatus; metrics: SourceStatus };
}
