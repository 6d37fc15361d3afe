import type { GateResult } from './gate-types';
import { capped } from './gate-types';
import type { ConfigsSnapshot, ConnectorsSnapshot, LagSample, TopicsSnapshot } from './measurements';

const ROLES = ['source', 'checkpoint', 'heartbeat'] as const;
export const IDENTITY_POLICY = 'org.apache.kafka.connect.mirror.IdentityReplicationPolicy';
const DEFAULT_POLICY = 'org.apache.kafka.connect.mirror.DefaultReplicationPolicy';

/**
 * Topic configs MM2 does not copy (its default config property filter excludes them), so a difference
 * between the clusters survives the migration unless someone sets it on the target.
 */
export const UNCOPIED_CONFIGS = [
  'min.insync.replicas',
  'message.timestamp.type',
  'message.timestamp.difference.max.ms',
  'message.timestamp.before.max.ms',
  'message.timestamp.after.max.ms',
  'unclean.leader.election.enable',
  'follower.replication.throttled.replicas',
  'leader.replication.throttled.replicas',
];

/** Connectors and every task RUNNING, naming what is not. */
export function connectorsRunning(c: ConnectorsSnapshot, at: number): GateResult {
  const problems: string[] = [];
  let tasks = 0;
  let running = 0;
  for (const role of ROLES) {
    const s = c.status[role];
    if (!s) {
      problems.push(`${c.names[role]}: not deployed`);
      continue;
    }
    if (s.connector.state !== 'RUNNING') problems.push(`${c.names[role]}: connector ${s.connector.state}`);
    if (s.tasks.length === 0) problems.push(`${c.names[role]}: no tasks`);
    for (const t of s.tasks) {
      tasks++;
      if (t.state === 'RUNNING') running++;
      else problems.push(`${c.names[role]} task ${t.id}: ${t.state}`);
    }
  }
  return {
    gate: 'connectors-running',
    status: problems.length === 0 ? 'pass' : 'fail',
    summary: `${3 - ROLES.filter((r) => c.status[r]?.connector.state !== 'RUNNING').length}/3 connectors and ${running}/${tasks} tasks RUNNING`,
    details: capped(problems),
    numbers: { tasks, running },
    at,
  };
}

/** One replication policy on all three connectors, or offset translation silently does nothing. */
export function replicationPolicy(c: ConnectorsSnapshot, at: number): GateResult {
  const policies = ROLES.map((r) => c.policy[r] ?? DEFAULT_POLICY);
  const distinct = [...new Set(policies)];
  const short = (p: string) => p.split('.').pop() ?? p;
  const same = distinct.length === 1;
  return {
    gate: 'replication-policy',
    status: same ? 'pass' : 'fail',
    summary: same
      ? `one replication policy on all three connectors: ${short(distinct[0]!)}`
      : `${distinct.length} different replication policies`,
    details: same ? [] : ROLES.map((r, i) => `${c.names[r]}: ${short(policies[i]!)}`),
    numbers: { policies: distinct.length },
    at,
  };
}

/** Every topic in scope exists on the target with as many partitions as on the source. */
export function partitionCounts(t: TopicsSnapshot, at: number): GateResult {
  const target = new Map(t.target.map((m) => [m.name, m.partitions]));
  const problems: string[] = [];
  for (const s of t.source) {
    const n = target.get(s.name);
    if (n === undefined) problems.push(`${s.name}: ${s.partitions} on the source, missing on the target`);
    else if (n !== s.partitions)
      problems.push(`${s.name}: ${s.partitions} on the source, ${n} on the target`);
  }
  return {
    gate: 'partition-counts',
    status: problems.length === 0 && t.source.length > 0 ? 'pass' : 'fail',
    summary:
      t.source.length === 0
        ? 'no topic in scope on the source'
        : `${t.source.length - problems.length}/${t.source.length} topics with equal partition counts`,
    details: capped(problems),
    numbers: { topics: t.source.length, mismatched: problems.length },
    at,
  };
}

/** Configs MM2 does not copy that differ: shown (warn), since the target may differ on purpose. */
export function topicConfigs(c: ConfigsSnapshot, at: number): GateResult {
  const target = new Map(c.target.map((t) => [t.topic, t.configs]));
  const diffs: string[] = [];
  for (const s of c.source) {
    const other = target.get(s.topic) ?? {};
    for (const key of UNCOPIED_CONFIGS) {
      const a = s.configs[key];
      const b = other[key];
      if (a !== b) diffs.push(`${s.topic} ${key}: source ${a ?? '(default)'}, target ${b ?? '(default)'}`);
    }
  }
  return {
    gate: 'topic-configs',
    status: diffs.length === 0 ? 'pass' : 'warn',
    summary:
      diffs.length === 0
        ? `configs MM2 does not copy are equal on ${c.source.length} topics`
        : `${diffs.length} config(s) MM2 does not copy differ: set them on the target if they matter`,
    details: capped(diffs),
    numbers: { topics: c.source.length, differences: diffs.length },
    at,
  };
}

const total = (s: LagSample) => s.partitions.reduce((sum, p) => sum + p.lag, 0);

/** Exact lag under `threshold` records in every sample taken over the hold time. */
export function lagUnderThreshold(samples: LagSample[], threshold: number, holdMs: number): GateResult {
  const totals = samples.map(total);
  const first = samples[0];
  const last = samples[samples.length - 1];
  const held = first && last ? last.at - first.at : 0;
  const worst = Math.max(0, ...totals);
  const ok = samples.length > 0 && totals.every((t) => t < threshold);
  const longEnough = held >= holdMs;
  return {
    gate: 'lag-under-threshold',
    status: ok ? (longEnough ? 'pass' : 'wait') : 'fail',
    summary: `exact lag ${totals.join(' → ')} records over ${(held / 1000).toFixed(0)} s (threshold ${threshold}, hold ${(holdMs / 1000).toFixed(0)} s)`,
    details: ok ? [] : worstPartitions(last),
    numbers: { worst, threshold, heldMs: held, partitions: last?.partitions.length ?? 0 },
    at: last?.at ?? 0,
  };
}

export const worstPartitions = (sample: LagSample | undefined, max = 5): string[] =>
  (sample?.partitions ?? [])
    .filter((p) => p.lag > 0)
    .sort((a, b) => b.lag - a.lag)
    .slice(0, max)
    .map((p) => `${p.topic}-${p.partition}: ${p.lag} behind`);

/** MM2's checkpoint latency per group (Prometheus), against the profile's checkpoint thresholds. */
export function checkpointsFresh(
  latencyMsByGroup: Map<string, number>,
  groups: string[],
  band: { amber: number; red: number },
  at: number,
): GateResult {
  const missing = groups.filter((g) => !latencyMsByGroup.has(g));
  const stale = groups.filter((g) => (latencyMsByGroup.get(g) ?? 0) / 1000 >= band.red);
  const worst = Math.max(0, ...groups.map((g) => latencyMsByGroup.get(g) ?? 0));
  return {
    gate: 'checkpoints-fresh',
    status: stale.length > 0 ? 'fail' : missing.length > 0 ? 'warn' : 'pass',
    summary: `checkpoint latency ≤ ${(worst / 1000).toFixed(1)} s on ${groups.length - missing.length}/${groups.length} group(s) (red at ${band.red} s)`,
    details: capped([
      ...stale.map((g) => `${g}: ${((latencyMsByGroup.get(g) ?? 0) / 1000).toFixed(1)} s`),
      ...missing.map((g) => `${g}: no checkpoint metric yet`),
    ]),
    numbers: { worstMs: worst, groups: groups.length, missing: missing.length },
    at,
  };
}
