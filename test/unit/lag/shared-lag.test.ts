// Issue 15, defect 10: concurrent askers of the lag (/mm2 lag, report now, the alert watcher) share
// one read of every partition in flight instead of each reading them all.
import { fakeLagReporter, FakeAdmin, FakeConnectOffsets, FakeMetrics } from './fakes';

test('three concurrent reports read topics, offsets and Connect once; each keeps its own filter', async () => {
  const source = new FakeAdmin('source');
  source.topic('orders', 3, () => 1007).topic('payments', 2, () => 500);
  const reads = { listTopics: 0, topicOffsets: 0, sourceOffsets: 0 };
  const listTopics = source.listTopics.bind(source);
  const topicOffsets = source.topicOffsets.bind(source);
  source.listTopics = async () => (reads.listTopics++, listTopics());
  source.topicOffsets = async (topics) => (reads.topicOffsets++, topicOffsets(topics));
  const connect = new FakeConnectOffsets();
  const sourceOffsets = connect.sourceOffsets.bind(connect);
  connect.sourceOffsets = async (name) => (reads.sourceOffsets++, sourceOffsets(name));
  connect.offsets = [0, 1, 2].map((p) => ({ cluster: 'source', topic: 'orders', partition: p, offset: 999 }));
  const metrics = new FakeMetrics();
  const reporter = fakeLagReporter({
    source,
    connectOffsets: connect,
    metrics,
    settings: { sourceAlias: 'source', targetAlias: 'target' },
  });

  const [lagCommand, reportNow, watcher] = await Promise.all([
    reporter.report({ filter: '^orders$' }),
    reporter.report(),
    reporter.report(),
  ]);
  expect(reads).toEqual({ listTopics: 1, topicOffsets: 1, sourceOffsets: 1 });
  const queriesOfOneReport = metrics.queries.length; // the three together: one report's worth
  expect(lagCommand.topics.map((t) => [t.topic, t.lag])).toEqual([['orders', 21]]);
  expect(reportNow.topics.map((t) => t.topic).sort()).toEqual(['orders', 'payments']);
  expect(watcher.totals).toEqual(reportNow.totals);

  // Nothing is cached: the next ask reads again (and the Prometheus queries were made once above).
  await reporter.report();
  expect(reads).toEqual({ listTopics: 2, topicOffsets: 2, sourceOffsets: 2 });
  expect(metrics.queries.length).toBe(2 * queriesOfOneReport);
});
