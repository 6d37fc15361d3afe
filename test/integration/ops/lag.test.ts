// Issue 5: with MM2 paused and N records produced, `/mm2 lag` reports exactly N records behind; after
// resume it goes back to 0, the verdict turns green, and the target holds every source record.
// Issue 4: deploy through approval, pause/resume, nothing lost.
import { randomUUID } from 'node:crypto';
import { eventually, produce, topicRecordCount } from '../../lab/clients';
import { OpsHarness, textOf, createTopics } from './ops-harness';
import { connectorNames, opsProfile } from './ops-profile';

const N = 37;
let h: OpsHarness;
const name = `ops-lag-${randomUUID().slice(0, 6)}`;
const topic = `${name}.orders`;
const observed: Record<string, unknown> = {};

beforeAll(async () => {
  h = await OpsHarness.start();
  await createTopics(h.lab.source, [{ topic, numPartitions: 3 }]);
  h.trackTopics([topic]);
  h.track(connectorNames(name));
  await h.startBot(h.env({ MM2_PROFILE: opsProfile(h.lab, { name, topics: [topic] }) }));
});

afterAll(async () => {
  process.stdout.write(`ops lag figures: ${JSON.stringify(observed)}\n`);
  await h?.stop();
});

test('deploy, pause, N records -> lag N; resume -> lag 0, GREEN, nothing lost', async () => {
  const deployedAt = Date.now();
  const deployed = await h.deployAll();
  expect(deployed.text).toContain(', done');
  await h.warmUp(topic, 5);
  observed.deployToReplicatingMs = Date.now() - deployedAt;
  // Committed offsets are flushed every 10 s: wait until the bot sees the warm-up records as copied.
  await h.lagUntil(topic, (r) => r.records === 0, 60000);

  const paused = await h.lifecycle('pause all');
  expect(paused.text).toContain(', done');
  expect(textOf(paused)).toContain('PAUSED');

  await produce(
    h.lab.source,
    topic,
    Array.from({ length: N }, (_, i) => `paused-${i}`),
  );
  const during = await h.lag(topic);
  expect(during.records).toBe(N);
  observed.lagWhilePaused = during.records;
  // Still N a few seconds later: nothing is copied while paused.
  const targetWhilePaused = await topicRecordCount(h.lab.target, topic);
  expect(targetWhilePaused).toBe(5);

  const resumed = await h.lifecycle('resume all');
  expect(resumed.text).toContain(', done');
  const resumedAt = Date.now();
  const after = await h.lagUntil(topic, (r) => r.records === 0 && r.verdict === 'GREEN', 90000);
  observed.resumeToGreenMs = Date.now() - resumedAt;
  expect(after.records).toBe(0);
  expect(after.verdict).toBe('GREEN');

  const [source, target] = await eventually(
    'the target to hold every source record',
    async () => {
      const s = await topicRecordCount(h.lab.source, topic);
      const t = await topicRecordCount(h.lab.target, topic);
      return t >= s ? [s, t] : undefined;
    },
    30000,
  );
  observed.sourceRecords = source;
  observed.targetRecords = target;
  expect(source).toBe(N + 5);
  expect(target).toBe(source);
});
