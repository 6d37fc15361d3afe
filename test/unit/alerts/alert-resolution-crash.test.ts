// Issue 15 (post, then record the post): an alert's resolution is recorded, then shown (root edited, a
// line in the thread), then its record removed. A bot that dies anywhere in between is followed by a
// restarted bot that shows the resolution once: the root resolved, one line in the thread.
import { createAlertWatcher } from '../../../bot/usecases/alerts/alert-watcher';
import type { Detector } from '../../../bot/usecases/alerts/alert-types';
import type { ChannelMessenger } from '../../../bot/ports/channel-messenger';
import type { StateStore } from '../../../bot/ports/state-store';
import { recordingMessenger } from '../../support/recording-messenger';
import { alertViews } from '../../../bot/views/alerts/alert-views';
import { MemoryStateStore } from '../../support/memory-state-store';

/** One lag problem, switched on and off by the test; watchers on one store and one channel. */
function setup() {
  const store = new MemoryStateStore();
  const channel = recordingMessenger();
  const problem = { active: true };
  const detector: Detector = {
    family: 'lag',
    observe: async () => [
      {
        key: 'lag:replication',
        state: problem.active ? 'active' : 'clear',
        severity: 'warning',
        title: 'Replication lag',
        detail: '10 records behind',
        openAfterMs: 0,
      },
    ],
  };
  const t = { now: 1_000_000 };
  const watcher = (over: { messenger?: ChannelMessenger; store?: StateStore } = {}) =>
    createAlertWatcher({
      detectors: [detector],
      store: over.store ?? store,
      messenger: over.messenger ?? channel.messenger,
      render: alertViews,
      clock: { now: () => t.now },
      channel: 'C-alerts',
      minUpdateIntervalMs: 10_000,
      clearAfterMs: 60_000,
      openingTimeoutMs: 60_000,
    });
  /** Opens the thread, clears the problem, and starts the round that resolves it (not awaited: it dies). */
  const resolveWith = async (first: ReturnType<typeof watcher>) => {
    await first.tick();
    problem.active = false;
    t.now += 1000;
    await first.tick(); // clear since now
    t.now += 60_001;
    void first.tick();
    for (let i = 0; i < 10; i++) await new Promise((resolve) => setImmediate(resolve));
  };
  return { store, posted: channel.posted, messenger: channel.messenger, t, watcher, resolveWith };
}

const never = () => new Promise<never>(() => undefined);

test('a bot killed between recording a resolution and showing it: the restarted bot resolves the root', async () => {
  const { store, posted, messenger, t, watcher, resolveWith } = setup();
  await resolveWith(watcher({ messenger: { ...messenger, update: never } })); // killed mid-edit
  expect(posted.map((p) => p.op)).toEqual(['root']);

  t.now += 61_000;
  await watcher().tick();
  expect(posted.map((p) => [p.op, p.ts])).toEqual([
    ['root', 'ts-1'],
    ['update', 'ts-1'],
    ['thread', 'ts-1'],
  ]);
  expect(posted[1]!.text).toMatch(/resolved/i);
  expect(await store.list('')).toEqual([]);
});

test('a bot killed between posting the resolution line and removing the record: the line is not posted twice', async () => {
  const { store, posted, t, watcher, resolveWith } = setup();
  const dying = Object.assign(Object.create(store) as MemoryStateStore, { delete: never });
  await resolveWith(watcher({ store: dying })); // its line is in the thread, the record stays
  const threadLines = () => posted.filter((p) => p.op === 'thread');
  expect(threadLines()).toHaveLength(1);
  expect(threadLines()[0]!.mark?.type).toBe('mm2_alert_reply');

  t.now += 61_000;
  await watcher().tick(); // restarted: the record is still there, and so is its line
  expect(threadLines()).toHaveLength(1);
  expect(posted.filter((p) => p.op === 'update').length).toBeGreaterThanOrEqual(2); // root shown resolved
  expect(await store.list('')).toEqual([]);
});
