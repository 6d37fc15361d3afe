import { diffConfigs } from '../../../bot/usecases/connectors/config-diff';
import { parseTarget } from '../../../bot/usecases/connectors/parse-target';
import { shortenTrace } from '../../../bot/usecases/connectors/shorten-trace';
import { offsetsCsv, summarizeOffsets } from '../../../bot/usecases/connectors/summarize-offsets';

describe('connector helpers', () => {
  it('diffConfigs: new, same, and changed with added/removed keys sorted', () => {
    expect(diffConfigs(undefined, { b: '1', a: '2' })).toEqual({
      kind: 'new',
      added: [
        ['a', '2'],
        ['b', '1'],
      ],
      removed: [],
      changed: [],
    });
    expect(diffConfigs({ a: '1' }, { a: '1' }).kind).toBe('same');
    expect(diffConfigs({ a: '1', z: '0' }, { a: '2', b: '3' })).toEqual({
      kind: 'changed',
      added: [['b', '3']],
      removed: [['z', '0']],
      changed: [['a', '1', '2']],
    });
  });

  it('shortenTrace keeps the first line and the Caused by lines only', () => {
    const trace =
      'E: top\n\tat a(A.java:1)\nCaused by: C1: mid\n\tat b(B.java:2)\nCaused by: C2: root\n\t... 3 more';
    expect(shortenTrace(trace)).toBe('E: top\nCaused by: C1: mid\nCaused by: C2: root');
    const many = ['E: top', ...Array.from({ length: 10 }, (_, i) => `Caused by: C${i}`)].join('\n');
    expect(shortenTrace(many, 300, 4)).toBe('E: top\n…\nCaused by: C7\nCaused by: C8\nCaused by: C9');
    expect(shortenTrace(undefined)).toBeUndefined();
  });

  it('summarizeOffsets groups per topic, busiest first, and the CSV has one row a partition', () => {
    const offsets = {
      offsets: [
        { partition: { cluster: 's', topic: 'a', partition: 0 }, offset: { offset: 9 } },
        { partition: { cluster: 's', topic: 'a', partition: 1 }, offset: { offset: 4 } },
        { partition: { cluster: 's', topic: 'b', partition: 0 }, offset: { offset: 99 } },
        { partition: { sourceClusterAlias: 's', targetClusterAlias: 't' }, offset: { offset: 0 } },
      ],
    };
    expect(
      summarizeOffsets(offsets).map((t) => [t.key, t.partitions, t.minOffset, t.maxOffset, t.position]),
    ).toEqual([
      ['b', 1, 99, 99, 100],
      ['a', 2, 4, 9, 15],
      ['{"sourceClusterAlias":"s","targetClusterAlias":"t"}', 1, 0, 0, 1],
    ]);
    const csv = offsetsCsv(offsets).trim().split('\n');
    expect(csv[0]).toBe('topic,partition,offset');
    expect(csv).toHaveLength(5);
    expect(csv[4]).toBe('"{""sourceClusterAlias"":""s"",""targetClusterAlias"":""t""}",,0');
  });

  it('parseTarget: one name, known flags only', () => {
    expect(parseTarget(['a', '--x'], ['--x'], true)).toEqual({
      ok: true,
      args: { target: 'a', flags: ['--x'] },
    });
    expect(parseTarget(['a', 'b'], [], true)).toMatchObject({ ok: false });
    expect(parseTarget([], [], true)).toMatchObject({ ok: false, error: 'say which connector, or "all"' });
    expect(parseTarget([], [], false)).toEqual({ ok: true, args: { target: undefined, flags: [] } });
  });
});
