import type { GateResult } from './gate-types';
import { capped } from './gate-types';
import type { EndsSnapshot, LagSample } from './measurements';
import { worstPartitions } from './preflight-gates';

const key = (topic: string, partition: number) => `${topic}-${partition}`;

/** Partitions whose end offset grew between two snapshots, with by how much. */
export function grown(before: EndsSnapshot, after: EndsSnapshot): Array<{ partition: string; by: number }> {
  const was = new Map(before.offsets.map((o) => [key(o.topic, o.partition), o.latest]));
  return after.offsets
    .map((o) => ({
      partition: key(o.topic, o.partition),
      by: o.latest - (was.get(key(o.topic, o.partition)) ?? o.latest),
    }))
    .filter((g) => g.by > 0);
}

/** kcp's fence: two snapshots of source end offsets at least `minGapMs` apart with no increase. */
export function noStrayProducers(before: EndsSnapshot, after: EndsSnapshot, minGapMs: number): GateResult {
  const moved = grown(before, after);
  const gap = after.at - before.at;
  const records = moved.reduce((s, m) => s + m.by, 0);
  return {
    gate: 'no-stray-producers',
    status: moved.length > 0 ? 'fail' : gap >= minGapMs ? 'pass' : 'wait',
    summary:
      moved.length > 0
        ? `something still writes on the source: ${records} record(s) on ${moved.length} partition(s) in ${(gap / 1000).toFixed(1)} s`
        : `no source partition moved in ${(gap / 1000).toFixed(1)} s (${after.offsets.length} partitions watched)`,
    details: capped(moved.map((m) => `${m.partition}: +${m.by}`)),
    numbers: { partitions: after.offsets.length, moved: moved.length, records, gapMs: gap },
    at: after.at,
  };
}

/** Promotion only at exact lag 0 on every partition. */
export function lagZero(sample: LagSample): GateResult {
  const behind = sample.partitions.filter((p) => p.lag > 0);
  const total = behind.reduce((s, p) => s + p.lag, 0);
  return {
    gate: 'lag-zero',
    status: behind.length === 0 && sample.partitions.length > 0 ? 'pass' : 'fail',
    summary: `exact lag 0 on ${sample.partitions.length - behind.length}/${sample.partitions.length} partitions${total > 0 ? ` (${total} record(s) still to copy)` : ''}`,
    details: worstPartitions(sample, 10),
    numbers: { partitions: sample.partitions.length, behind: behind.length, records: total },
    at: sample.at,
  };
}

/** After the producers moved: target end offsets grow. */
export function targetGrowing(before: EndsSnapshot, after: EndsSnapshot): GateResult {
  const moved = grown(before, after);
  const records = moved.reduce((s, m) => s + m.by, 0);
  return {
    gate: 'target-growing',
    status: records > 0 ? 'pass' : 'fail',
    summary: `${records} new record(s) on the target in ${((after.at - before.at) / 1000).toFixed(1)} s on ${moved.length} partition(s)`,
    details: records > 0 ? [] : ['nothing was written on the target: are the producers running against MSK?'],
    numbers: { records, partitions: moved.length },
    at: after.at,
  };
}

/** Nothing written on the source since the producers moved (the rollback window). */
export function sourceQuiet(baseline: EndsSnapshot, now: EndsSnapshot): GateResult {
  const moved = grown(baseline, now);
  const records = moved.reduce((s, m) => s + m.by, 0);
  return {
    gate: 'source-quiet',
    status: moved.length === 0 ? 'pass' : 'fail',
    summary:
      moved.length === 0
        ? `nothing written on the source in ${((now.at - baseline.at) / 1000).toFixed(0)} s since the producers moved`
        : `${records} record(s) written on the source since the producers moved`,
    details: capped(moved.map((m) => `${m.partition}: +${m.by}`)),
    numbers: { records, partitions: moved.length },
    at: now.at,
  };
}
