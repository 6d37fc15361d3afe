import { fakeLagReporter, FakeAdmin, FakeConnectOffsets, FakeMetrics } from './fakes';

const setup = () => {
  const source = new FakeAdmin('source');
  const target = new FakeAdmin('target');
  const connect = new FakeConnectOffsets();
  const metrics = new FakeMetrics();
  const reporter = fakeLagReporter({
    source,
    target,
    connectOffsets: connect,
    metrics,
    settings: { sourceAlias: 'source', targetAlias: 'target' },
  });
  return { source, target, connect, metrics, reporter };
};

describe('lag report', () => {
  it('reports exactly the records produced while MM2 did not copy them, summed per topic', async () => {
    const { source, connect, reporter } = setup();
    source.topic('orders', 3, () => 1000 + 7).topic('__consumer_offsets', 2, () => 5);
    // MM2 had copied offsets 0..999 of each partition (committed 999), then 7 more records per partition arrived
    connect.offsets = [0, 1, 2].map((p) => ({
      cluster: 'source',
      topic: 'orders',
      partition: p,
      offset: 999,
    }));
    const report = await reporter.report();
    expect(report.topics.map((t) => [t.topic, t.lag, t.lagSource])).toEqual([['orders', 21, 'exact']]);
    expect(report.verdict).toBe('green');
    expect(report.totals).toEqual({ topics: 1, partitions: 3, lag: 21 });

    connect.offsets = [0, 1, 2].map((p) => ({
      cluster: 'source',
      topic: 'orders',
      partition: p,
      offset: 1006,
    }));
    expect((await reporter.report()).totals.lag).toBe(0);
  });

  it('turns amber then red from the thresholds, worst topic first, with the reasons', async () => {
    const { source, connect, reporter } = setup();
    source
      .topic('a', 1, () => 50)
      .topic('b', 2, () => 600)
      .topic('c', 1, () => 150);
    connect.offsets = [];
    const report = await reporter.report();
    expect(report.topics.map((t) => [t.topic, t.verdict])).toEqual([
      ['b', 'red'],
      ['c', 'amber'],
      ['a', 'green'],
    ]);
    expect(report.verdict).toBe('red');
    expect(report.reasons[0]).toMatch(/^b \(red\): 1,200 records behind/);
    const amberOnly = await reporter.report({ filter: '^[ac]$' });
    expect(amberOnly.verdict).toBe('amber');
    expect(amberOnly.filter).toBe('^[ac]$');
  });

  it('takes the profile thresholds given with the request', async () => {
    const { source, reporter } = setup();
    source.topic('a', 1, () => 50);
    const strict = { lagRecords: { amber: 10, red: 20 }, latencyMs: { amber: 1, red: 2 } };
    expect((await reporter.report({ thresholds: strict })).verdict).toBe('red');
  });

  it('adds latency, record age, throughput and history from Prometheus, and flags disagreement', async () => {
    const { source, connect, metrics, reporter } = setup();
    source.topic('orders', 2, () => 5000).topic('payments', 1, () => 10);
    connect.offsets = [
      { cluster: 'source', topic: 'orders', partition: 0, offset: 4999 },
      { cluster: 'source', topic: 'orders', partition: 1, offset: 4999 },
      { cluster: 'source', topic: 'payments', partition: 0, offset: 9 },
    ];
    metrics.instants = {
      kafka_connect_mirror_source_connector_replication_latency_ms: [
        { labels: { topic: 'orders', partition: '0' }, value: 120 },
        { labels: { topic: 'orders', partition: '1' }, value: 45000 },
      ],
      kafka_connect_mirror_source_connector_record_age_ms: [{ labels: { topic: 'orders' }, value: 300 }],
      kafka_connect_mirror_source_connector_record_count: [{ labels: { topic: 'orders' }, value: 12.5 }],
      kafka_consumer_fetch_manager_records_lag: [
        { labels: { topic: 'orders', partition: '0' }, value: 0 },
        { labels: { topic: 'payments', partition: '0' }, value: 4000 },
      ],
    };
    metrics.ranges = {
      kafka_consumer_fetch_manager_records_lag: [
        {
          labels: { topic: 'orders' },
          points: [
            [1, 3],
            [2, 1],
            [3, 0],
          ],
        },
      ],
    };
    const report = await reporter.report();
    const orders = report.topics.find((t) => t.topic === 'orders');
    expect(orders).toMatchObject({
      latencyMs: 45000,
      recordAgeMs: 300,
      throughput: 12.5,
      history: [3, 1, 0],
      verdict: 'red',
    });
    expect(report.worstPartitions[0]).toMatchObject({ topic: 'orders', partition: 1, latencyMs: 45000 });
    const payments = report.topics.find((t) => t.topic === 'payments');
    expect(payments?.disagreement).toMatch(/exact lag 0 vs metrics 4000/);
    expect(report.notes.join(' ')).toMatch(/1 topic\(s\): exact lag and Prometheus disagree/);
    expect(metrics.queries.some((q) => q.includes('source="source",target="target"'))).toBe(true);
  });

  it('still answers from the exact source when Prometheus is unreachable, and says so', async () => {
    const { source, connect, metrics, reporter } = setup();
    source.topic('orders', 1, () => 500);
    connect.offsets = [{ cluster: 'source', topic: 'orders', partition: 0, offset: 99 }];
    metrics.unreachable = true;
    const report = await reporter.report();
    expect(report.totals.lag).toBe(400);
    expect(report.sources.metrics).toEqual({
      ok: false,
      error: expect.stringMatching(/Prometheus at .* is unreachable/),
    });
    expect(report.notes[0]).toMatch(/Prometheus at http:\/\/prometheus.test:9090 is unreachable/);
    expect(report.verdict).toBe('amber');
  });

  it('falls back to the metrics view when Connect is unreachable, at least amber', async () => {
    const { source, connect, metrics, reporter } = setup();
    source.topic('orders', 1, () => 500);
    connect.unreachable = true;
    metrics.instants = {
      kafka_consumer_fetch_manager_records_lag: [{ labels: { topic: 'orders', partition: '0' }, value: 3 }],
    };
    const report = await reporter.report();
    expect(report.topics[0]).toMatchObject({ topic: 'orders', lag: 3, lagSource: 'metrics' });
    expect(report.verdict).toBe('amber');
    expect(report.notes[0]).toMatch(
      /Exact lag unavailable \(Kafka Connect at http:\/\/connect is unreachable\)/,
    );
  });

  it('before the first deploy it says the source connector is not deployed and what to run', async () => {
    const { source, connect, reporter } = setup();
    source.topic('orders', 1, () => 500);
    connect.deployed = false;
    const report = await reporter.report();
    expect(report.verdict).toBe('amber');
    expect(report.reasons).toEqual(['mm2-source is not deployed: nothing replicates yet']);
    expect(report.notes[0]).toBe('Deploy the connectors with `/mm2 deploy`, then ask again.');
    expect(report.notes.join(' ')).not.toMatch(/Exact lag unavailable/);
  });

  it('fails with the exact source error when both sources are down', async () => {
    const { source, metrics, reporter } = setup();
    source.unreachable = true;
    metrics.unreachable = true;
    await expect(reporter.report()).rejects.toMatchObject({ code: 'KAFKA_UNREACHABLE' });
  });

  it('reports per group whether offsets are translated on the target and its lag there', async () => {
    const { source, target, connect, metrics, reporter } = setup();
    source.topic('orders', 2, () => 100);
    target.topic('orders', 2, () => 90);
    connect.offsets = [];
    source.groups = {
      billing: [
        { topic: 'orders', partition: 0, offset: 80 },
        { topic: 'orders', partition: 1, offset: 70 },
      ],
      fresh: [{ topic: 'orders', partition: 0, offset: 10 }],
      'connect-mm2': [{ topic: 'orders', partition: 0, offset: 1 }],
      unrelated: [{ topic: 'elsewhere', partition: 0, offset: 1 }],
    };
    target.groups = {
      billing: [
        { topic: 'orders', partition: 0, offset: 85 },
        { topic: 'orders', partition: 1 },
      ],
    };
    metrics.instants = {
      kafka_connect_mirror_checkpoint_connector_checkpoint_latency_ms: [
        { labels: { group: 'billing' }, value: 2500 },
      ],
    };
    const report = await reporter.report();
    expect(report.groups.map((g) => g.group)).toEqual(['billing', 'fresh']);
    expect(report.groups[0]).toMatchObject({
      sourcePartitions: 2,
      translatedPartitions: 1,
      targetLag: 5,
      checkpointAgeSeconds: 2.5,
      note: '1 partition(s) not translated yet',
    });
    expect(report.groups[1]).toMatchObject({
      translatedPartitions: 0,
      note: 'no translated offsets on the target yet',
    });
    expect(report.groups[1]?.targetLag).toBeUndefined();
  });

  it('rejects an invalid topic regex with a usable message', async () => {
    const { reporter } = setup();
    await expect(reporter.report({ filter: '(' })).rejects.toMatchObject({ code: 'BAD_INPUT' });
  });
});
