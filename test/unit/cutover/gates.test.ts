import {
  groupEmptySource,
  groupReadyTarget,
  reReadEstimate,
} from '../../../bot/usecases/cutover/gates/group-gates';
import {
  connectorsRunning,
  lagUnderThreshold,
  partitionCounts,
  replicationPolicy,
  topicConfigs,
} from '../../../bot/usecases/cutover/gates/preflight-gates';
import {
  lagZero,
  noStrayProducers,
  sourceQuiet,
  targetGrowing,
} from '../../../bot/usecases/cutover/gates/producer-gates';
import type { ConnectorsSnapshot, GroupSnapshot } from '../../../bot/usecases/cutover/gates/measurements';
import type { ConnectorStatus } from '../../../bot/ports/connect';

const running = (name: string, tasks = 1): ConnectorStatus => ({
  name,
  connector: { state: 'RUNNING', worker_id: 'w' },
  tasks: Array.from({ length: tasks }, (_, id) => ({ id, state: 'RUNNING' as const, worker_id: 'w' })),
});
const names = { source: 'm-source', checkpoint: 'm-checkpoint', heartbeat: 'm-heartbeat' };
const identity = 'org.apache.kafka.connect.mirror.IdentityReplicationPolicy';
const connectors = (over: Partial<ConnectorsSnapshot> = {}): ConnectorsSnapshot => ({
  names,
  status: {
    source: running('m-source', 2),
    checkpoint: running('m-checkpoint'),
    heartbeat: running('m-heartbeat'),
  },
  policy: { source: identity, checkpoint: identity, heartbeat: identity },
  ...over,
});

const group = (over: Partial<GroupSnapshot> = {}): GroupSnapshot => ({
  group: 'billing',
  source: { groupId: 'billing', state: 'Empty', members: [] },
  target: { groupId: 'billing', state: 'Empty', members: [] },
  sourceCommitted: [
    { topic: 'orders', partition: 0, offset: 90 },
    { topic: 'orders', partition: 1, offset: 50 },
  ],
  // MM2 translated conservatively: the target commits sit a few records before the source position.
  targetCommitted: [
    { topic: 'orders', partition: 0, offset: 85 },
    { topic: 'orders', partition: 1, offset: 48 },
  ],
  sourceEnds: [
    { topic: 'orders', partition: 0, earliest: 0, latest: 100 },
    { topic: 'orders', partition: 1, earliest: 0, latest: 60 },
  ],
  targetEnds: [
    { topic: 'orders', partition: 0, earliest: 0, latest: 100 },
    { topic: 'orders', partition: 1, earliest: 0, latest: 60 },
  ],
  lag: [
    { topic: 'orders', partition: 0, lag: 0 },
    { topic: 'orders', partition: 1, lag: 0 },
  ],
  ...over,
});

describe('preflight gates', () => {
  it('passes running connectors and names a failed task', () => {
    expect(connectorsRunning(connectors(), 1).status).toBe('pass');
    const failed = running('m-source', 2);
    failed.tasks[1] = { id: 1, state: 'FAILED', worker_id: 'w' };
    const r = connectorsRunning(connectors({ status: { ...connectors().status, source: failed } }), 1);
    expect(r.status).toBe('fail');
    expect(r.details).toEqual(['m-source task 1: FAILED']);
    expect(r.numbers).toEqual({ tasks: 4, running: 3 });
  });

  it('fails when the three connectors do not share one replication policy, naming each', () => {
    const r = replicationPolicy(
      connectors({ policy: { source: identity, checkpoint: undefined, heartbeat: identity } }),
      1,
    );
    expect(r.status).toBe('fail');
    expect(r.details).toContain('m-checkpoint: DefaultReplicationPolicy');
  });

  it('names topics whose partition counts differ or are missing on the target', () => {
    const r = partitionCounts(
      {
        source: [
          { name: 'a', partitions: 3 },
          { name: 'b', partitions: 2 },
          { name: 'c', partitions: 1 },
        ],
        target: [
          { name: 'a', partitions: 3 },
          { name: 'b', partitions: 4 },
        ],
      },
      1,
    );
    expect(r.status).toBe('fail');
    expect(r.details).toEqual([
      'b: 2 on the source, 4 on the target',
      'c: 1 on the source, missing on the target',
    ]);
  });

  it('warns (does not block) on configs MM2 does not copy', () => {
    const r = topicConfigs(
      {
        source: [{ topic: 'a', configs: { 'min.insync.replicas': '2', 'retention.ms': '1' } }],
        target: [{ topic: 'a', configs: {} }],
      },
      1,
    );
    expect(r.status).toBe('warn');
    expect(r.details).toEqual(['a min.insync.replicas: source 2, target (default)']);
  });

  it('holds exact lag under the threshold for the hold time, or says to wait', () => {
    const sample = (at: number, lag: number) => ({ at, partitions: [{ topic: 'a', partition: 0, lag }] });
    expect(lagUnderThreshold([sample(0, 5), sample(10_000, 3)], 100, 10_000).status).toBe('pass');
    expect(lagUnderThreshold([sample(0, 5), sample(4_000, 3)], 100, 10_000).status).toBe('wait');
    const red = lagUnderThreshold([sample(0, 5), sample(10_000, 300)], 100, 10_000);
    expect(red.status).toBe('fail');
    expect(red.details).toEqual(['a-0: 300 behind']);
  });
});

describe('group gates', () => {
  it('names the members still connected on the source', () => {
    const r = groupEmptySource(
      group({
        source: {
          groupId: 'billing',
          state: 'Stable',
          members: [{ memberId: 'm-1', clientId: 'billing-app', host: '/10.0.0.7' }],
        },
      }),
      1,
    );
    expect(r.status).toBe('fail');
    expect(r.details).toEqual(['billing-app on /10.0.0.7 (m-1)']);
    expect(groupEmptySource(group(), 1).status).toBe('pass');
  });

  it('estimates the records a moved group reads again, per partition', () => {
    // p0: 15 after the target commit, 10 unconsumed on the source -> 5 again; p1: 12 vs 10 -> 2.
    expect(reReadEstimate(group()).rows).toEqual([
      { partition: 'orders-0', reRead: 5 },
      { partition: 'orders-1', reRead: 2 },
    ]);
    const r = groupReadyTarget(group(), 1);
    expect(r.status).toBe('pass');
    expect(r.numbers.reReadEstimate).toBe(7);
  });

  it('corrects the estimate by what MM2 still has to copy', () => {
    const g = group({
      targetEnds: [
        { topic: 'orders', partition: 0, earliest: 0, latest: 96 },
        { topic: 'orders', partition: 1, earliest: 0, latest: 60 },
      ],
      lag: [
        { topic: 'orders', partition: 0, lag: 4 },
        { topic: 'orders', partition: 1, lag: 0 },
      ],
    });
    expect(reReadEstimate(g).rows[0]).toEqual({ partition: 'orders-0', reRead: 5 });
  });

  it('blocks a target group that is active, lacks a commit, or would skip records', () => {
    const r = groupReadyTarget(
      group({
        target: {
          groupId: 'billing',
          state: 'Stable',
          members: [{ memberId: 'x', clientId: 'c', host: 'h' }],
        },
        targetCommitted: [{ topic: 'orders', partition: 0, offset: 99 }],
      }),
      1,
    );
    expect(r.status).toBe('fail');
    expect(r.details.join('\n')).toMatch(/Stable with 1 member/);
    expect(r.details).toContain('orders-1: no translated offset on the target yet');
    expect(r.details).toContain(
      'orders-0: the target commit is 9 record(s) past the source position (they would be skipped)',
    );
  });
});

describe('producer gates', () => {
  const ends = (at: number, p0: number, p1: number) => ({
    at,
    offsets: [
      { topic: 'ledger', partition: 0, earliest: 0, latest: p0 },
      { topic: 'ledger', partition: 1, earliest: 0, latest: p1 },
    ],
  });

  it('the fence names the partitions that moved', () => {
    const r = noStrayProducers(ends(0, 10, 20), ends(10_000, 10, 23), 10_000);
    expect(r.status).toBe('fail');
    expect(r.details).toEqual(['ledger-1: +3']);
    expect(noStrayProducers(ends(0, 10, 20), ends(10_000, 10, 20), 10_000).status).toBe('pass');
    expect(noStrayProducers(ends(0, 10, 20), ends(3_000, 10, 20), 10_000).status).toBe('wait');
  });

  it('promotes only at exact lag 0 on every partition', () => {
    expect(lagZero({ at: 1, partitions: [{ topic: 'a', partition: 0, lag: 0 }] }).status).toBe('pass');
    const r = lagZero({
      at: 1,
      partitions: [
        { topic: 'a', partition: 0, lag: 0 },
        { topic: 'a', partition: 1, lag: 1 },
      ],
    });
    expect(r.status).toBe('fail');
    expect(r.summary).toBe('exact lag 0 on 1/2 partitions (1 record(s) still to copy)');
  });

  it('sees the target grow and the source stay quiet', () => {
    expect(targetGrowing(ends(0, 1, 1), ends(5000, 4, 1)).numbers.records).toBe(3);
    expect(targetGrowing(ends(0, 1, 1), ends(5000, 1, 1)).status).toBe('fail');
    expect(sourceQuiet(ends(0, 5, 5), ends(60_000, 5, 5)).status).toBe('pass');
    expect(sourceQuiet(ends(0, 5, 5), ends(60_000, 6, 5)).details).toEqual(['ledger-0: +1']);
  });
});
