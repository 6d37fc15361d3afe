// Issue 15 (post, then record the post): an alert's resolution is recorded, then shown (root edited, a
// line in the thread). A bot that dies in between leaves the root open; the restarted bot shows it.
import { createAlertWatcher } from '../../../bot/usecases/alerts/alert-watcher';
import type { Detector } from '../../../bot/usecases/alerts/alert-types';
import type { ChannelMessenger } from '../../../bot/ports/channel-messenger';
import { recordingMessenger } from '../../support/recording-messenger';
import { alertViews } from '../../../bot/views/alerts/alert-views';
import { MemoryStateStore } from '../../support/memory-state-store';

test('a bot killed between recording a resolution and showing it: the restarted bot resolves the root', async () => {
  const store = new MemoryStateStore();
  const { posted, messenger } = recordingMessenger();
  let active = true;
  const detector: Detector = {
    family: 'lag',
    observe: async () => [
      {
        key: 'lag:replication',
        state: active ? 'active' : 'clear',
        severity: 'warning',
        title: 'Replication lag',
        detail: '10 records behind',
        openAfterMs: 0,
      },
    ],
  };
  const t = { now: 1_000_000 };
  const watcher = (m: ChannelMessenger) =>
    createAlertWatcher({
      detectors: [detector],
      store,
      messenger: m,
      render: alertViews,
      clock: { now: () => t.now },
      channel: 'C-alerts',
      minUpdateIntervalMs: 10_000,
      clearAfterMs: 60_000,
      openingTimeoutMs: 60_000,
    });
  const first = watcher({ ...messenger, update: () => new Promise<void>(() => undefined) }); // killed mid-edit
  await first.tick();
  expect(posted.map((p) => p.op)).toEqual(['root']);
  active = false;
  t.now += 1000;
  await first.tick(); // clear since now
  t.now += 60_001;
  void first.tick(); // records "resolved", then dies while editing the root
  await new Promise((resolve) => setImmediate(resolve));
  expect(posted.map((p) => p.op)).toEqual(['root']);

  t.now += 61_000;
  await watcher(messenger).tick();
  expect(posted.map((p) => [p.op, p.ts])).toEqual([
    ['root', 'ts-1'],
    ['update', 'ts-1'],
    ['thread', 'ts-1'],
  ]);
  expect(posted[1]!.text).toMatch(/resolved/i);
  expect(await store.list('')).toEqual([]);
});

test('a bot killed between posting the resolution line and removing the record: the line is not posted twice', async () => {
  const store = new MemoryStateStore();
  const { posted, messenger } = recordingMessenger();
  let active = true;
  const detector: Detector = {
    family: 'lag',
    observe: async () => [
      {
        key: 'lag:replication',
        state: active ? 'active' : 'clear',
        severity: 'warning',
        title: 'Replication lag',
        detail: '10 records behind',
        openAfterMs: 0,
      },
    ],
  };
  const t = { now: 1_000_000 };
  const watcher = (s: typeof store) =>
    createAlertWatcher({
      detectors: [detector],
      store: s,
      messenger,
      render: alertViews,
      clock: { now: () => t.now },
      channel: 'C-alerts',
      clearAfterMs: 60_000,
      openingTimeoutMs: 60_000,
    });
  // The first bot dies while removing the record, after its line is in the thread.
  const dying = Object.assign(Object.create(store) as MemoryStateStore, {
    delete: () => new Promise<void>(() => undefined),
  });
  const first = watcher(dying);
  await first.tick();
  active = false;
  t.now += 1000;
  await first.tick();
  t.now += 60_001;
  void first.tick();
  for (let i = 0; i < 10; i++) await new Promise((resolve) => setImmediate(resolve));
  const threadLines = () => posted.filter((p) => p.op === 'thread');
  expect(threadLines()).toHaveLength(1);
  expect(threadLines()[0]!.mark?.type).toBe('mm2_alert_reply');

  t.now += 61_000;
  await watcher(store).tick(); // restarted: the record is still there, its line already is too
  expect(threadLines()).toHaveLength(1);
  expect(posted.filter((p) => p.op === 'update').length).toBeGreaterThanOrEqual(2); // root shown resolved
  expect(await store.list('')).toEqual([]);
});
