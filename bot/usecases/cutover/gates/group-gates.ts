import type { GroupDescription } from '../../../ports/kafka-groups';
import type { GateResult } from './gate-types';
import { capped } from './gate-types';
import type { GroupSnapshot } from './measurements';

const key = (topic: string, partition: number) => `${topic}-${partition}`;
const isEmpty = (g: GroupDescription) =>
  g.members.length === 0 && (g.state === 'Empty' || g.state === 'Dead');
const memberLine = (m: GroupDescription['members'][number]) => `${m.clientId} on ${m.host} (${m.memberId})`;

/** The group has no member left on the source, naming those still connected. */
export function groupEmptySource(s: GroupSnapshot, at: number): GateResult {
  const ok = isEmpty(s.source);
  return {
    gate: 'group-empty-source',
    status: ok ? 'pass' : 'fail',
    summary: ok
      ? `${s.group} on the source: ${s.source.state}, 0 members`
      : `${s.group} on the source: ${s.source.state}, ${s.source.members.length} member(s) still connected`,
    details: ok ? [] : capped(s.source.members.map(memberLine)),
    numbers: { members: s.source.members.length },
    at,
  };
}

export interface PartitionEstimate {
  partition: string;
  /** Records the group will read again on the target (negative: it would skip records). */
  reRead: number;
}

/**
 * Per partition, what a group starting on the target from its translated commit will read again:
 * records after the target commit, minus records the group had not consumed on the source that are
 * already on the target (the source's unconsumed records less those MM2 has still to copy).
 * Negative means the target commit is past the source position: records would be skipped.
 */
export function reReadEstimate(s: GroupSnapshot): { rows: PartitionEstimate[]; missing: string[] } {
  const sEnd = new Map(s.sourceEnds.map((o) => [key(o.topic, o.partition), o.latest]));
  const tEnd = new Map(s.targetEnds.map((o) => [key(o.topic, o.partition), o.latest]));
  const lag = new Map(s.lag.map((l) => [key(l.topic, l.partition), l.lag]));
  const tCommit = new Map(
    s.targetCommitted
      .filter((o) => o.offset !== undefined)
      .map((o) => [key(o.topic, o.partition), o.offset!]),
  );
  const rows: PartitionEstimate[] = [];
  const missing: string[] = [];
  for (const c of s.sourceCommitted) {
    if (c.offset === undefined) continue;
    const k = key(c.topic, c.partition);
    const t = tCommit.get(k);
    const se = sEnd.get(k);
    const te = tEnd.get(k);
    if (t === undefined || se === undefined || te === undefined) {
      missing.push(k);
      continue;
    }
    const unconsumedOnTarget = se - c.offset - (lag.get(k) ?? 0);
    rows.push({ partition: k, reRead: te - t - unconsumedOnTarget });
  }
  return { rows, missing };
}

/**
 * On the target the group is EMPTY (MM2 only syncs offsets into empty groups), has a commit for every
 * partition it committed on the source, none past the source position; shows the re-read estimate.
 */
export function groupReadyTarget(s: GroupSnapshot, at: number): GateResult {
  const { rows, missing } = reReadEstimate(s);
  const skipping = rows.filter((r) => r.reRead < 0);
  const estimate = rows.reduce((sum, r) => sum + Math.max(0, r.reRead), 0);
  const problems = [
    ...(isEmpty(s.target)
      ? []
      : [
          `${s.group} on the target is ${s.target.state} with ${s.target.members.length} member(s): MM2 does not sync offsets into an active group`,
        ]),
    ...missing.map((p) => `${p}: no translated offset on the target yet`),
    ...skipping.map(
      (r) =>
        `${r.partition}: the target commit is ${-r.reRead} record(s) past the source position (they would be skipped)`,
    ),
  ];
  const partitions = rows.length + missing.length;
  return {
    gate: 'group-ready-target',
    status: problems.length === 0 && partitions > 0 ? 'pass' : 'fail',
    summary:
      partitions === 0
        ? `${s.group} has no committed offset on the source in scope`
        : `${s.group} on the target: ${s.target.state}, ${rows.length}/${partitions} partitions translated, ≈${estimate} record(s) will be read again`,
    details: capped(problems),
    numbers: { partitions, translated: rows.length, reReadEstimate: estimate, skipping: skipping.length },
    at,
  };
}

const targetLag = (s: GroupSnapshot) => {
  const ends = new Map(s.targetEnds.map((o) => [key(o.topic, o.partition), o.latest]));
  return s.targetCommitted.reduce(
    (sum, o) =>
      sum + (o.offset === undefined ? 0 : Math.max(0, (ends.get(key(o.topic, o.partition)) ?? 0) - o.offset)),
    0,
  );
};
const committedSum = (s: GroupSnapshot) => s.targetCommitted.reduce((sum, o) => sum + (o.offset ?? 0), 0);

/** After the move: members on the target and the group's lag there falling (or its commits advancing). */
export function groupConsumingTarget(before: GroupSnapshot, after: GroupSnapshot, at: number): GateResult {
  const members = after.target.members.length;
  const lag1 = targetLag(before);
  const lag2 = targetLag(after);
  const advanced = committedSum(after) > committedSum(before);
  const falling = lag2 < lag1 || lag2 === 0 || advanced;
  const ok = members > 0 && falling;
  return {
    gate: 'group-consuming-target',
    status: ok ? 'pass' : 'fail',
    summary: `${after.group} on the target: ${after.target.state}, ${members} member(s), lag ${lag1} → ${lag2}${advanced ? ', commits advancing' : ''}`,
    details: ok
      ? []
      : [
          members === 0
            ? 'no consumer has joined the group on the target yet'
            : 'the group is not consuming: its lag is not falling',
        ],
    numbers: { members, lagBefore: lag1, lagAfter: lag2 },
    at,
  };
}
