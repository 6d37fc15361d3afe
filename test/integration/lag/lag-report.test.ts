// The lag report against the lab's real Kafka, Connect and Prometheus, on a MirrorSourceConnector and
// topic of the test's own: exact lag equals the records produced while paused, back to 0 after resume.
import { randomUUID } from 'node:crypto';
import { createKafkaAdmin } from '../../../bot/adapters/kafka/kafkajs-admin';
import { createPrometheusClient } from '../../../bot/adapters/prometheus/prometheus-client';
import { createConnectOffsetsClient } from '../../support/connect-offsets-client';
import { createLagReporter, type LagReporter } from '../../../bot/usecases/lag/lag-reporter';
import { createAlertWatcher } from '../../../bot/usecases/alerts/alert-watcher';
import { lagDetector } from '../../../bot/usecases/alerts/detectors';
import { alertViews } from '../../../bot/views/alerts/alert-views';
import { lagReportView } from '../../../bot/views/lag/lag-view';
import { systemClock } from '../../../bot/domain/clock';
import type { KafkaAdmin } from '../../../bot/ports/kafka-admin';
import { eventually, produce, sleep, withAdmin, createTopics } from '../../lab/clients';
import { labEndpoints, type LabEndpoints } from '../../lab/endpoints';
import { recordingMessenger } from '../../support/recording-messenger';
import { MemoryStateStore } from '../../support/memory-state-store';
import { closedPort } from '../../unit/lag/http-stub';
import { connectRest, mirrorConfig } from './lab-mirror';
import { ensureMm2Running } from '../../lab/mm2-connectors';

const run = randomUUID().slice(0, 8);
const topic = `itest-lag-${run}`;
const connector = `it-lag-${run}`;
const thresholds = { lagRecords: { amber: 10, red: 40 }, latencyMs: { amber: 60_000, red: 120_000 } };
let lab: LabEndpoints;
let source: KafkaAdmin;
let target: KafkaAdmin;
let reporter: LagReporter;

const values = (n: number, tag: string) => Array.from({ length: n }, (_, i) => `${tag}-${i}`);
const topicLag = async (r: LagReporter = reporter) => {
  const report = await r.report({ filter: `^${topic}$` });
  return { report, lag: report.topics.find((t) => t.topic === topic)?.lag };
};

beforeAll(async () => {
  lab = await labEndpoints();
  await createTopics(lab.source, [{ topic, numPartitions: 3, replicationFactor: 1 }]);
  source = createKafkaAdmin({ cluster: 'source', brokers: [lab.source] });
  target = createKafkaAdmin({ cluster: 'target', brokers: [lab.target] });
  reporter = createLagReporter({
    source,
    target,
    connectOffsets: createConnectOffsetsClient({ url: lab.connect }),
    metrics: createPrometheusClient({ url: lab.prometheus }),
    clock: systemClock,
    settings: { sourceConnector: connector, sourceAlias: 'source', targetAlias: 'target', thresholds },
  });
  await connectRest(lab).put(connector, mirrorConfig(lab, connector, topic));
  await connectRest(lab).waitFor(connector, 'RUNNING');
});

afterAll(async () => {
  await connectRest(lab)
    .remove(connector)
    .catch(() => undefined);
  await source?.close();
  await target?.close();
  for (const bootstrap of [lab.source, lab.target]) {
    await withAdmin(bootstrap, (admin) => admin.deleteTopics({ topics: [topic] })).catch(() => undefined);
  }
});

test('exact lag is the number of records produced while MM2 is paused, and 0 again after resume', async () => {
  await produce(lab.source, topic, values(30, 'warmup'));
  await eventually(
    'warm-up replicated',
    async () => ((await topicLag()).lag === 0 ? true : undefined),
    90_000,
  );

  await connectRest(lab).pause(connector);
  await connectRest(lab).waitFor(connector, 'PAUSED');
  await sleep(3000); // let the last offset flush land (offset.flush.interval.ms is 2 s in the lab)
  const n = 57;
  await produce(lab.source, topic, values(n, 'paused'));
  const paused = await topicLag();
  expect(paused.lag).toBe(n);
  expect(paused.report.verdict).toBe('red');
  expect(paused.report.sources).toEqual({
    exact: { ok: true },
    metrics: { ok: true, target: lab.prometheus },
  });
  const view = lagReportView(paused.report).view;
  expect(JSON.stringify(view.blocks)).toContain(topic);

  // the watcher opens one thread for it (a short sustain for the test), even across a restart
  const store = new MemoryStateStore();
  const { posted, messenger } = recordingMessenger();
  const roots = () => posted.filter((p) => p.op === 'root').map((p) => p.text);
  const edits = () => posted.filter((p) => p.op === 'update').map((p) => p.text);
  const watcher = () =>
    createAlertWatcher({
      detectors: [
        lagDetector(
          { report: () => reporter.report({ filter: `^${topic}$` }) },
          { openAtRecords: 40, sustainMs: 1000 },
        ),
      ],
      store,
      messenger,
      render: alertViews,
      clock: systemClock,
      channel: 'C-it',
      clearAfterMs: 1000,
    });
  await watcher().tick();
  await sleep(1200);
  await watcher().tick();
  await watcher().tick();
  expect(roots()).toEqual(['WARNING: Replication lag over 40 records']);

  await connectRest(lab).resume(connector);
  const resumed = await eventually(
    'lag back to 0',
    async () => {
      const r = await topicLag();
      return r.lag === 0 ? r : undefined;
    },
    90_000,
  );
  expect(resumed.report.verdict).toBe('green');
  await watcher().tick();
  await sleep(1200);
  await watcher().tick();
  expect(edits()).toEqual(['RESOLVED: Replication lag over 40 records']);
  expect(roots()).toHaveLength(1);
});

test('with Prometheus unreachable the report still answers from the exact source and says so', async () => {
  const port = await closedPort();
  const blind = createLagReporter({
    source,
    target,
    connectOffsets: createConnectOffsetsClient({ url: lab.connect }),
    metrics: createPrometheusClient({ url: `http://127.0.0.1:${port}`, timeoutMs: 2000 }),
    clock: systemClock,
    settings: { sourceConnector: connector, sourceAlias: 'source', thresholds },
  });
  const { report, lag } = await topicLag(blind);
  expect(lag).toBe(0);
  expect(report.sources.metrics).toEqual({
    ok: false,
    error: expect.stringContaining(`Prometheus at http://127.0.0.1:${port} is unreachable`),
  });
  expect(JSON.stringify(lagReportView(report).view.blocks)).toContain('Prometheus :x: unreachable');
});

test("reports the lab consumer group's translated offsets on the target", async () => {
  // The lab's own mm2-* connectors sync lab-orders-consumer; a fresh lab (CI) has none yet.
  await ensureMm2Running(lab);
  const full = createLagReporter({
    source,
    target,
    connectOffsets: createConnectOffsetsClient({ url: lab.connect }),
    metrics: createPrometheusClient({ url: lab.prometheus }),
    clock: systemClock,
    settings: {
      sourceConnector: 'mm2-source',
      sourceAlias: 'source',
      targetAlias: 'target',
      thresholds,
      topicsInclude: '^orders$',
    },
  });
  const report = await eventually(
    'translated offsets of lab-orders-consumer',
    async () => {
      const r = await full.report();
      return r.groups.some((g) => g.group === 'lab-orders-consumer' && g.translatedPartitions > 0)
        ? r
        : undefined;
    },
    60_000,
  );
  const group = report.groups.find((g) => g.group === 'lab-orders-consumer');
  expect(group?.sourcePartitions).toBe(3);
  expect(group?.targetLag).toBeGreaterThanOrEqual(0);
  expect(report.topics.map((t) => t.topic)).toEqual(['orders']);
});
