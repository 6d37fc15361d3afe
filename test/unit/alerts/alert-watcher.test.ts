import type { ConnectorHealth } from '../../../bot/ports/connector-health';
import { createAlertWatcher } from '../../../bot/usecases/alerts/alert-watcher';
import type { Detector, Observation } from '../../../bot/usecases/alerts/alert-types';
import { connectorDetector, lagDetector, scrapeDetector } from '../../../bot/usecases/alerts/detectors';
import type { ChannelMessenger } from '../../../bot/ports/channel-messenger';
import { recordingMessenger } from '../../support/recording-messenger';
import { createLagReporter } from '../../../bot/usecases/lag/lag-reporter';
import { alertViews } from '../../../bot/views/alerts/alert-views';
import { MemoryStateStore } from '../../support/memory-state-store';
import { FakeAdmin, FakeConnectOffsets, FakeMetrics, thresholds } from '../lag/fakes';

class FakeClock {
  constructor(public t = 1_000_000) {}
  now = () => this.t;
  advance(ms: number) {
    this.t += ms;
  }
}

/** A lab-like setup: a source topic whose lag the test sets, and a Prometheus that can be stopped. */
const lab = () => {
  const source = new FakeAdmin('source').topic('orders', 2, () => 1000);
  const connect = new FakeConnectOffsets();
  const setLag = (perPartition: number) =>
    (connect.offsets = [0, 1].map((p) => ({
      cluster: 'source',
      topic: 'orders',
      partition: p,
      offset: 999 - perPartition,
    })));
  setLag(0);
  const metrics = new FakeMetrics();
  metrics.instants = { 'up{job="kafka-connect"}': [{ labels: { instance: 'connect:9404' }, value: 1 }] };
  const lag = createLagReporter({
    source,
    target: new FakeAdmin('target'),
    connectOffsets: connect,
    metrics,
    clock: { now: () => 0 },
    settings: { sourceConnector: 'mm2-source', thresholds },
  });
  const connectors: ConnectorHealth = {
    states: async () => [{ connector: 'mm2-source', state: 'RUNNING', tasks: [{ id: 0, state: 'RUNNING' }] }],
  };
  const detectors: Detector[] = [
    connectorDetector(connectors),
    lagDetector(lag, { openAtRecords: 100, sustainMs: 120_000 }),
    scrapeDetector(metrics),
  ];
  return { setLag, metrics, connectors, detectors };
};

const watcherFor = (
  l: ReturnType<typeof lab>,
  store: MemoryStateStore,
  messenger: ChannelMessenger,
  clock: FakeClock,
) =>
  createAlertWatcher({
    detectors: l.detectors,
    store,
    messenger,
    render: alertViews,
    clock,
    channel: 'C-alerts',
    clearAfterMs: 60_000,
    minUpdateIntervalMs: 60_000,
  });

describe('alert watcher', () => {
  it('an update whose thread post failed is posted on the next round, not lost', async () => {
    const l = lab();
    const store = new MemoryStateStore();
    const { posted: calls, messenger: poster } = recordingMessenger();
    let failThreadPosts = 0;
    const flaky: ChannelMessenger = {
      ...poster,
      post: async (c, view, ts, mark) => {
        if (ts && failThreadPosts > 0) {
          failThreadPosts--;
          throw new Error('Slack refused chat.postMessage: ratelimited');
        }
        return poster.post(c, view, ts, mark);
      },
    };
    const clock = new FakeClock();
    const watcher = watcherFor(l, store, flaky, clock);
    l.setLag(300);
    await watcher.tick();
    clock.advance(120_000);
    await watcher.tick();
    expect(calls.map((c) => c.op)).toEqual(['root']);
    l.setLag(500);
    clock.advance(60_000);
    failThreadPosts = 1;
    await watcher.tick(); // the update's post fails
    expect(calls.map((c) => c.op)).toEqual(['root']);
    clock.advance(30_000);
    await watcher.tick(); // retried at once, whatever the update interval says
    expect(calls.map((c) => c.op)).toEqual(['root', 'thread', 'update']);
    expect(calls[1]!.text).toContain('Still happening');
    expect((await watcher.active())[0]!.updates).toBe(1);
  });

  it('opens one thread for sustained lag, updates it, survives a restart and resolves after the lag clears', async () => {
    const l = lab();
    const store = new MemoryStateStore();
    const { posted: calls, messenger: poster } = recordingMessenger();
    const clock = new FakeClock();
    let watcher = watcherFor(l, store, poster, clock);

    await watcher.tick();
    expect(calls).toMatchObject([]);
    l.setLag(300); // MM2 paused: 600 records behind
    await watcher.tick();
    clock.advance(60_000);
    await watcher.tick();
    expect(calls).toMatchObject([]); // not sustained long enough yet
    clock.advance(60_000);
    await watcher.tick();
    expect(calls).toMatchObject([
      { op: 'root', ts: 'ts-1', text: 'WARNING: Replication lag over 100 records' },
    ]);

    l.setLag(500); // still paused, more behind: an update in the thread, not a new root
    clock.advance(30_000);
    await watcher.tick(); // within minUpdateInterval: nothing yet
    expect(calls).toHaveLength(1);
    clock.advance(30_000);
    await watcher.tick();
    expect(calls.slice(1)).toMatchObject([
      { op: 'thread', ts: 'ts-1', text: 'Still happening: Replication lag over 100 records' },
      { op: 'update', ts: 'ts-1', text: 'WARNING: Replication lag over 100 records' },
    ]);
    clock.advance(60_000);
    await watcher.tick(); // unchanged detail: no post
    expect(calls).toHaveLength(3);

    // the bot restarts: a new watcher over the same store opens no second thread
    watcher = watcherFor(l, store, poster, clock);
    clock.advance(60_000);
    await watcher.tick();
    expect(calls.filter((c) => c.op === 'root')).toHaveLength(1);

    // hysteresis: between clear-below (50) and open-at (100) the problem neither resolves nor re-opens
    l.setLag(35); // 70 records behind
    clock.advance(120_000);
    await watcher.tick();
    expect((await watcher.active()).map((a) => a.status)).toEqual(['open']);

    l.setLag(0); // resumed
    await watcher.tick();
    clock.advance(30_000);
    await watcher.tick();
    expect(calls.filter((c) => c.text.startsWith('RESOLVED'))).toHaveLength(0); // must stay clear for 60 s
    clock.advance(30_000);
    await watcher.tick();
    expect(calls.slice(-2)).toMatchObject([
      { op: 'update', ts: 'ts-1', text: 'RESOLVED: Replication lag over 100 records' },
      { op: 'thread', ts: 'ts-1', text: 'RESOLVED: Replication lag over 100 records' },
    ]);
    expect(await watcher.active()).toEqual([]);
    expect(calls.filter((c) => c.op === 'root')).toHaveLength(1);
  });

  it('a flapping problem that clears before it is sustained opens nothing', async () => {
    const l = lab();
    const { posted: calls, messenger: poster } = recordingMessenger();
    const clock = new FakeClock();
    const watcher = watcherFor(l, new MemoryStateStore(), poster, clock);
    for (let i = 0; i < 6; i++) {
      l.setLag(i % 2 === 0 ? 300 : 0);
      await watcher.tick();
      clock.advance(60_000);
    }
    expect(calls).toMatchObject([]);
  });

  it('raises exactly one alert when Prometheus stops, and resolves it when it is back', async () => {
    const l = lab();
    const { posted: calls, messenger: poster } = recordingMessenger();
    const clock = new FakeClock();
    const watcher = watcherFor(l, new MemoryStateStore(), poster, clock);
    l.metrics.unreachable = true;
    await watcher.tick();
    clock.advance(30_000);
    await watcher.tick();
    expect(calls).toMatchObject([{ op: 'root', ts: 'ts-1', text: 'CRITICAL: Prometheus is unreachable' }]);
    l.metrics.unreachable = false;
    await watcher.tick();
    clock.advance(61_000);
    await watcher.tick();
    expect(calls.map((c) => c.text)).toEqual([
      'CRITICAL: Prometheus is unreachable',
      'RESOLVED: Prometheus is unreachable',
      'RESOLVED: Prometheus is unreachable',
    ]);
  });

  it('opens a failed-connector alert at once, and a scrape alert when a target is down', async () => {
    const l = lab();
    l.connectors.states = async () => [
      {
        connector: 'mm2-source',
        state: 'RUNNING',
        tasks: [{ id: 0, state: 'FAILED', trace: 'java.lang.OutOfMemoryError\n\tat' }],
      },
    ];
    l.metrics.instants = { 'up{job="kafka-connect"}': [{ labels: { instance: 'connect:9404' }, value: 0 }] };
    const { posted: calls, messenger: poster } = recordingMessenger();
    const watcher = watcherFor(l, new MemoryStateStore(), poster, new FakeClock());
    await watcher.tick();
    expect(calls.map((c) => c.text).sort()).toEqual([
      'CRITICAL: Connector mm2-source is failing',
      'WARNING: Prometheus cannot scrape job kafka-connect',
    ]);
    const active = await watcher.active();
    expect(active.find((a) => a.key === 'connector:mm2-source')?.detail).toContain(
      'task 0 FAILED: java.lang.OutOfMemoryError',
    );
    expect(active.find((a) => a.key === 'prometheus:scrape')?.detail).toBe('down: connect:9404');
  });

  it('holds the alerts of a check that failed and raises one for the check itself', async () => {
    const store = new MemoryStateStore();
    const { posted: calls, messenger: poster } = recordingMessenger();
    const clock = new FakeClock();
    let failing = false;
    const detector: Detector = {
      family: 'connector',
      observe: async (): Promise<Observation[]> => {
        if (failing) throw new Error('Kafka Connect at http://c is unreachable');
        return [
          {
            key: 'connector:x',
            state: 'active',
            severity: 'critical',
            title: 'x failing',
            detail: 'FAILED',
            openAfterMs: 0,
          },
        ];
      },
    };
    const watcher = createAlertWatcher({
      detectors: [detector],
      store,
      messenger: poster,
      render: alertViews,
      clock,
      channel: 'C',
    });
    await watcher.tick();
    failing = true;
    clock.advance(120_000);
    await watcher.tick();
    clock.advance(120_000);
    await watcher.tick();
    expect(calls.map((c) => c.text)).toEqual(['CRITICAL: x failing', 'CRITICAL: Cannot check connector']);
  });

  it('two replicas ticking together open one thread', async () => {
    const l = lab();
    l.metrics.unreachable = true;
    const store = new MemoryStateStore();
    const { posted: calls, messenger: poster } = recordingMessenger();
    const clock = new FakeClock();
    await Promise.all([
      watcherFor(l, store, poster, clock).tick(),
      watcherFor(l, store, poster, clock).tick(),
    ]);
    await Promise.all([
      watcherFor(l, store, poster, clock).tick(),
      watcherFor(l, store, poster, clock).tick(),
    ]);
    expect(calls.filter((c) => c.op === 'root')).toHaveLength(1);
  });
});
