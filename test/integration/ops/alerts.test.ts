// Issue 5: lag past the threshold opens one alert thread, updated (not duplicated) while it lasts,
// also across a bot restart, and resolved by an edit after resume. Prometheus stopped: `/mm2 lag`
// still answers from the exact source and the watcher raises one alert for it.
import { randomUUID } from 'node:crypto';
import { connectTargetUp } from '../../lab/components/prometheus';
import { eventually, produce } from '../../lab/clients';
import { withComponentDown } from './lab-faults';
import { CHANNEL, OpsHarness, textOf, createTopics } from './ops-harness';
import { connectorNames, opsProfile } from './ops-profile';
import type { StoredMessage } from '../../slack-standin/types';
import { PALETTES } from '../../../bot/adapters/charts/chart-themes';
import { decodePng } from '../../support/png-inspect';
import { chartMarks, drawnEnough } from '../grafana/chart-marks';

let h: OpsHarness;
let env: Record<string, string>;
const name = `ops-alr-${randomUUID().slice(0, 6)}`;
const topic = `${name}.orders`;
const observed: Record<string, unknown> = {};

/** Thread roots the watcher posted for `key` (the key is in the root's context line). */
const rootsFor = (key: string): StoredMessage[] =>
  h.standIn
    .messagesIn(CHANNEL)
    .filter(
      (m) =>
        m.threadTs === undefined &&
        /^(WARNING|CRITICAL): /.test(m.history[0]?.text ?? '') &&
        JSON.stringify(m.history[0]?.blocks ?? []).includes(`\`${key}\``),
    );
const allRoots = () =>
  h.standIn
    .messagesIn(CHANNEL)
    .filter((m) => m.threadTs === undefined && /^(WARNING|CRITICAL): /.test(m.history[0]?.text ?? ''));

beforeAll(async () => {
  h = await OpsHarness.start();
  await createTopics(h.lab.source, [{ topic, numPartitions: 2 }]);
  h.trackTopics([topic]);
  h.track(connectorNames(name));
  env = h.env({
    MM2_PROFILE: opsProfile(h.lab, { name, topics: [topic], lagRecords: { amber: 2, red: 5 } }),
    MM2_ALERT_CHANNEL: CHANNEL,
    MM2_ALERT_INTERVAL_SECONDS: '2',
    MM2_ALERT_SUSTAIN_SECONDS: '4',
    MM2_ALERT_UPDATE_SECONDS: '10',
    MM2_ALERT_CLEAR_SECONDS: '30',
  });
  await h.startBot(env);
  await h.deployAll();
  await h.warmUp(topic);
  await h.lagUntil(topic, (r) => r.records === 0, 60000);
});

afterAll(async () => {
  process.stdout.write(`ops alerts figures: ${JSON.stringify(observed)}\n`);
  await h?.stop();
});

test('paused past the threshold: one thread, updated in place across a restart, resolved after resume', async () => {
  expect((await h.lifecycle('pause all')).text).toContain(', done');
  const pausedAt = Date.now();
  await produce(
    h.lab.source,
    topic,
    Array.from({ length: 10 }, (_, i) => `p${i}`),
  );
  const root = await h.standIn.waitFor(() => rootsFor('lag:replication')[0], 40000, 'the lag alert root');
  observed.pauseToAlertMs = Date.now() - pausedAt;
  expect(root.text).toMatch(/^WARNING: Replication lag over 5 records/);
  expect(textOf(root)).toContain('10 records behind in total');

  // The problem changes (more records behind) and the bot restarts while it lasts.
  await produce(h.lab.source, topic, ['p10', 'p11', 'p12']);
  const [first] = h.bots;
  await first!.stop();
  await h.startBot(env);
  const update = await h.standIn
    .waitFor(
      // The thread's first text message (the alert's panel chart is a file share beside it).
      () =>
        h.standIn
          .messagesIn(CHANNEL, { threadTs: root.ts })
          .find((m) => m.ts !== root.ts && m.files.length === 0),
      90000,
      'an update in the alert thread',
    )
    .catch((error: Error) => {
      // What the watcher did instead: every root and thread message, every version.
      const seen = h.standIn
        .messagesIn(CHANNEL)
        .filter((m) => /^(WARNING|CRITICAL|RESOLVED): /.test(m.history[0]?.text ?? ''))
        .map(
          (m) =>
            `${m.ts}${m.threadTs ? ` in ${m.threadTs}` : ''}: ${m.history.map((v) => v.text).join(' | ')}`,
        );
      throw new Error(`${error.message}\n${seen.join('\n')}`);
    });
  observed.rootToUpdateMs = Number(update.ts) * 1000 - Number(root.ts) * 1000;
  expect(update.text).toContain('Still happening');
  expect(textOf(update)).toContain('13 records behind in total');
  expect(rootsFor('lag:replication')).toHaveLength(1);

  expect((await h.lifecycle('resume all')).text).toContain(', done');
  const resumedAt = Date.now();
  const resolved = await h.standIn.waitFor(
    () => (/^RESOLVED: /.test(root.text) ? root : undefined),
    120000,
    'the root edited to resolved',
  );
  observed.resumeToResolvedMs = Date.now() - resumedAt;
  expect(resolved.history.length).toBeGreaterThan(1);
  expect(rootsFor('lag:replication')).toHaveLength(1);
  await h.standIn.waitFor(
    () => h.standIn.messagesIn(CHANNEL, { threadTs: root.ts }).find((m) => /^RESOLVED: /.test(m.text)),
    10000,
    'the resolution posted in the thread',
  );
  observed.threadMessages = h.standIn.messagesIn(CHANNEL, { threadTs: root.ts }).length;
  // The panel chart, uploaded into the thread (files.uploadV2 with thread_ts) when it opened and when it
  // resolved: real PNGs with their title drawn, the summary as their comment.
  // The resolution's chart follows the resolution message (drawn, then uploaded).
  const charts = await h.standIn.waitFor(
    () => {
      const inThread = h.standIn.uploadedFiles().filter((f) => f.threadTs === root.ts);
      return inThread.length >= 2 ? inThread : undefined;
    },
    20000,
    'the opening and resolution charts in the alert thread',
  );
  for (const chart of charts) {
    const png = decodePng(chart.bytes);
    expect({
      size: [png.width, png.height],
      title: drawnEnough(chartMarks(png, PALETTES.light)).title,
    }).toEqual({
      size: [800, 400],
      title: true,
    });
    expect(chart.initialComment).toMatch(/^\*Records lag per topic\*\n• /);
  }
  // No flapping: the lag problem had one thread from start to end. (Other roots may come from other
  // suites' faults on the shared lab, e.g. Connect restarted: they are counted, not asserted.)
  observed.otherRoots = allRoots()
    .map((m) => m.history[0]!.text)
    .filter((t) => !t.includes('Replication lag'));
});

test('Prometheus stopped: lag from the exact source, says Prometheus is unreachable, one alert', async () => {
  await withComponentDown('prometheus', 'graceful', async (restart) => {
    await produce(h.lab.source, topic, ['after-1']);
    const reading = await h.lagUntil(topic, (r) => !r.prometheusOk, 20000);
    expect(textOf(reading.message)).toContain('exact (Kafka + Connect) :white_check_mark:');
    expect(textOf(reading.message)).toContain('Prometheus :x: unreachable');
    expect(reading.records).toBeLessThanOrEqual(1);
    const exact = await h.lagUntil(topic, (r) => r.records === 0, 30000);
    expect(exact.prometheusOk).toBe(false);
    const alert = await h.standIn.waitFor(
      () => rootsFor('prometheus:unreachable')[0],
      20000,
      'the Prometheus alert',
    );
    expect(alert.text).toBe('CRITICAL: Prometheus is unreachable');
    // Several more watcher rounds (every 2 s): still one thread.
    await new Promise((r) => setTimeout(r, 8000));
    expect(rootsFor('prometheus:unreachable')).toHaveLength(1);
    observed.prometheusAlertRoots = rootsFor('prometheus:unreachable').length;
    await restart();
  });
  await eventually(
    'Prometheus scraping Connect again',
    async () => ((await connectTargetUp(h.lab.prometheus)) ? true : undefined),
    60000,
  );
});
