import { exactLag, partitionLag } from '../../../bot/usecases/lag/exact-lag';
import { disagreement } from '../../../bot/usecases/lag/cross-check';
import { grade, worst } from '../../../bot/usecases/lag/verdict';

describe('exact lag per partition', () => {
  it('is latest - (committed + 1)', () => {
    expect(partitionLag({ topic: 't', partition: 0, earliest: 0, latest: 100 }, 41)).toBe(58);
    expect(partitionLag({ topic: 't', partition: 0, earliest: 0, latest: 100 }, 99)).toBe(0);
  });

  it('counts every record still on the source when nothing was committed', () => {
    expect(partitionLag({ topic: 't', partition: 0, earliest: 20, latest: 100 })).toBe(80);
    expect(partitionLag({ topic: 't', partition: 0, earliest: 5, latest: 5 })).toBe(0);
  });

  it('never counts records that retention deleted before they were copied', () => {
    expect(partitionLag({ topic: 't', partition: 0, earliest: 50, latest: 100 }, 10)).toBe(50);
  });

  it('joins offsets with the connector commits of the right source alias only', () => {
    const rows = exactLag(
      [
        { topic: 'orders', partition: 0, earliest: 0, latest: 10 },
        { topic: 'orders', partition: 1, earliest: 0, latest: 10 },
      ],
      [
        { cluster: 'source', topic: 'orders', partition: 0, offset: 4 },
        { cluster: 'other', topic: 'orders', partition: 1, offset: 9 },
      ],
      'source',
    );
    expect(rows.map((r) => [r.partition, r.committed, r.lag])).toEqual([
      [0, 4, 5],
      [1, undefined, 10],
    ]);
  });
});

describe('cross-check and verdict', () => {
  it('flags a disagreement beyond the tolerance only', () => {
    expect(disagreement(1000, 1050, 0)).toBeUndefined();
    expect(disagreement(1000, 0, 0)).toMatch(/exact lag 1000 vs metrics 0/);
    expect(disagreement(1000, undefined, 0)).toBeUndefined();
    // a busy topic's metrics may be a scrape interval old
    expect(disagreement(5000, 0, 500)).toBeUndefined();
  });

  it('grades against bands and keeps the worst', () => {
    const band = { amber: 10, red: 100 };
    expect([grade(9, band), grade(10, band), grade(100, band), grade(undefined, band)]).toEqual([
      'green',
      'amber',
      'red',
      'green',
    ]);
    expect(worst('green', 'amber', 'green')).toBe('amber');
    expect(worst()).toBe('green');
  });
});
