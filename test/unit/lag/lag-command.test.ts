import { createLagCommand } from '../../../bot/commands/lag';
import type { FileAttachment } from '../../../bot/views/view';
import { fakeLagReporter, FakeAdmin, thresholds } from './fakes';

const command = (partitions: number, profile?: typeof thresholds) =>
  createLagCommand({
    lag: fakeLagReporter({
      source: new FakeAdmin('source').topic('orders', partitions, () => 20).topic('payments', 1, () => 1),
    }),
    thresholds: () => profile,
  });

const context = (files: FileAttachment[], progress: string[]) => ({
  user: 'U',
  channel: 'C',
  correlationId: 'c',
  reply: {
    progress: async (t: string) => void progress.push(t),
    done: async () => undefined,
    attach: async (f: FileAttachment) => void files.push(f),
  },
});

describe('/mm2 lag', () => {
  it('parses an optional topic regex and refuses an invalid one', () => {
    const spec = command(1);
    expect(spec.parse([])).toEqual({ ok: true, args: {} });
    expect(spec.parse(['^orders'])).toEqual({ ok: true, args: { filter: '^orders' } });
    const bad = spec.parse(['[orders']);
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.error).toMatch(/not a valid regular expression/);
  });

  it('filters, uses the profile thresholds, and attaches the CSV only when the report is big', async () => {
    const files: FileAttachment[] = [];
    const progress: string[] = [];
    const small = await command(3).run(context(files, progress), { filter: '^orders$' });
    expect(small.text).toBe('MM2 lag: GREEN, 60 records behind over 1 topics');
    expect(files).toEqual([]);
    expect(progress).toHaveLength(1);

    const strict = await command(3, { ...thresholds, lagRecords: { amber: 5, red: 50 } }).run(
      context(files, progress),
      {},
    );
    expect(strict.text).toMatch(/^MM2 lag: RED/);

    await command(100).run(context(files, progress), {});
    expect(files).toHaveLength(1);
    expect((files[0]?.content as string).split('\n').filter(Boolean)).toHaveLength(102);
  });
});
