import type { KafkaGroups } from '../../../bot/ports/kafka-groups';
import { CutoverProbe } from '../../../bot/usecases/cutover/gates/probe';
import { exactLag } from '../../../bot/usecases/lag/exact-lag';
import { FakeAdmin, FakeConnectOffsets } from '../lag/fakes';

const groupsOf = (cluster: string): KafkaGroups => ({
  cluster,
  describeGroups: async (ids) => ids.map((groupId) => ({ groupId, state: 'Empty', members: [] })),
  topicConfigs: async () => [],
});

function probeOver(source: FakeAdmin, target: FakeAdmin, connectOffsets: FakeConnectOffsets) {
  return new CutoverProbe({
    source,
    target,
    sourceGroups: groupsOf('source'),
    targetGroups: groupsOf('target'),
    connect: { status: async () => undefined, getConfig: async () => undefined },
    connectOffsets,
    now: () => 0,
    connectors: { source: 'mm2-source', checkpoint: 'mm2-checkpoint', heartbeat: 'mm2-heartbeat' },
    sourceAlias: 'source',
    targetAlias: 'target',
    inScope: () => true,
  });
}

describe('cutover probe: a batch of groups', () => {
  it('reads the source end offsets once and joins the lag from those same numbers', async () => {
    const source = new FakeAdmin('source').topic('orders', 2, () => 10).topic('clicks', 1, () => 7);
    const target = new FakeAdmin('target').topic('orders', 2, () => 8).topic('clicks', 1, () => 7);
    source.groups = {
      billing: [{ topic: 'orders', partition: 0, offset: 10 }],
      audit: [{ topic: 'clicks', partition: 0, offset: 7 }],
    };
    const connect = new FakeConnectOffsets();
    connect.offsets = [
      { cluster: 'source', topic: 'orders', partition: 0, offset: 7 },
      { cluster: 'source', topic: 'orders', partition: 1, offset: 9 },
      { cluster: 'source', topic: 'clicks', partition: 0, offset: 6 },
    ];
    let sourceEndReads = 0;
    const read = source.topicOffsets.bind(source);
    source.topicOffsets = async (topics) => {
      sourceEndReads += 1;
      return read(topics);
    };

    const [billing, audit] = await probeOver(source, target, connect).groups(['billing', 'audit']);

    expect(sourceEndReads).toBe(1);
    const all = await read(['clicks', 'orders']);
    const expected = exactLag(all, connect.offsets, 'source');
    expect(billing!.lag).toEqual(expected.filter((p) => p.topic === 'orders'));
    expect(audit!.lag).toEqual(expected.filter((p) => p.topic === 'clicks'));
    expect(billing!.lag.map((p) => p.topic)).toEqual(['orders', 'orders']);
  });
});
