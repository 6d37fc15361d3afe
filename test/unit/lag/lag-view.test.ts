import type { LagReport } from '../../../bot/usecases/lag/lag-types';
import { lagReportView } from '../../../bot/views/lag/lag-view';
import { lagCsv } from '../../../bot/views/lag/lag-csv';
import type { Block } from '../../../bot/views/view';
import { fakeLagReporter, FakeAdmin, FakeConnectOffsets, FakeMetrics } from './fakes';

const texts = (block: Block): string[] => {
  const out: string[] = [];
  const text = block.text as { text?: string } | undefined;
  if (text?.text) out.push(text.text);
  for (const e of (block.elements as Array<{ text?: string }> | undefined) ?? [])
    if (e.text) out.push(e.text);
  return out;
};

const expectWithinSlackLimits = (blocks: Block[]) => {
  expect(blocks.length).toBeLessThanOrEqual(50);
  for (const b of blocks) {
    for (const t of texts(b)) {
      if (b.type === 'header') expect(t.length).toBeLessThanOrEqual(150);
      if (b.type === 'section') expect(t.length).toBeLessThanOrEqual(3000);
      if (b.type === 'context') expect(t.length).toBeLessThanOrEqual(2000);
    }
  }
};

const bigReport = async (): Promise<LagReport> => {
  const source = new FakeAdmin('source');
  const connect = new FakeConnectOffsets();
  const metrics = new FakeMetrics();
  // one topic with 1,200 partitions plus 300 topics with long names: 2,100 partitions in all
  source.topic('clicks', 1200, (p) => 10_000 + p);
  for (let i = 0; i < 300; i++)
    source.topic(`team-${i}.${'very-long-topic-name-'.repeat(4)}${i}`, 3, () => i * 7);
  connect.offsets = Array.from({ length: 1200 }, (_, p) => ({
    cluster: 'source',
    topic: 'clicks',
    partition: p,
    offset: 9_999,
  }));
  metrics.instants = {
    kafka_connect_mirror_source_connector_replication_latency_ms: Array.from({ length: 1200 }, (_, p) => ({
      labels: { topic: 'clicks', partition: String(p) },
      value: p * 10,
    })),
  };
  const reporter = fakeLagReporter({
    source,
    connectOffsets: connect,
    metrics,
    settings: { sourceAlias: 'source' },
  });
  return reporter.report();
};

describe('lag report view', () => {
  it('summarizes over 1,000 partitions within Slack limits, worst first, with the full table as CSV', async () => {
    const report = await bigReport();
    expect(report.totals.partitions).toBe(2100);
    const { view, csv } = lagReportView(report);
    expectWithinSlackLimits(view.blocks);
    const all = view.blocks.flatMap(texts).join('\n');
    // worst first: clicks (1,200 partitions × up to 1,199 records) before the small topics
    expect(report.topics[0]?.topic).toBe('clicks');
    expect(all.indexOf('clicks')).toBeLessThan(all.indexOf('team-299'));
    expect(all).toContain('25 of 301');
    // worst partitions: the small topics' partitions (2,093 records each) beat any clicks partition (≤ 1,199)
    expect(report.worstPartitions[0]).toMatchObject({
      topic: expect.stringMatching(/^team-299\./),
      lag: 2093,
    });
    expect(all).toMatch(
      /\*Worst partitions\*\n```partition[^\n]*\nteam-299\.very-long-topic-name-v…-[012] +2,093/,
    );
    expect(csv).toBeDefined();
    const lines = (csv?.content as string).trim().split('\n');
    expect(lines).toHaveLength(2101);
    expect(lines[0]).toBe(
      'topic,partition,earliest,latest,committed,lag,metrics_lag,latency_ms,topic_verdict',
    );
    expect(lines).toContain('clicks,1199,0,11199,9999,1199,,11990,red');
    expect(csv?.filename).toMatch(/^mm2-lag-2026-11-25T21-00-00\.csv$/);
  });

  it('shows a small report whole, without CSV', async () => {
    const source = new FakeAdmin('source').topic('orders', 3, () => 10);
    const report = await fakeLagReporter({ source }).report();
    const { view, csv } = lagReportView(report);
    expect(csv).toBeUndefined();
    expectWithinSlackLimits(view.blocks);
    expect(view.text).toBe('MM2 lag: GREEN, 30 records behind over 1 topics');
    expect(view.blocks.flatMap(texts).join('\n')).toContain('Prometheus is not configured');
  });

  it('quotes CSV cells that need it', () => {
    const csv = lagCsv({
      partitions: [{ topic: 'a,"b"', partition: 0, lag: 1 }],
      topics: [],
    } as unknown as LagReport);
    expect(csv.split('\n')[1]).toBe('"a,""b""",0,,,,1,,,');
  });
});
