// Issue 15 (post, then record the post): an alert's resolution is recorded, then shown (root edited, a
// line in the thread). A bot that dies in between leaves the root open; the restarted bot shows it.
import type { View } from '../../../bot/views/view';
import { createAlertWatcher } from '../../../bot/usecases/alerts/alert-watcher';
import type { Detector } from '../../../bot/usecases/alerts/alert-types';
import type { RootMark, ThreadPoster } from '../../../bot/ports/thread-poster';
import { alertViews } from '../../../bot/views/alerts/alert-views';
import { MemoryStateStore } from '../../support/memory-state-store';

type Posted = { op: 'root' | 'thread' | 'update'; ts: string; text: string };

test('a bot killed between recording a resolution and showing it: the restarted bot resolves the root', async () => {
  const store = new MemoryStateStore();
  const posted: Posted[] = [];
  const poster: ThreadPoster = {
    postRoot: async (_c: string, view: View, _m: RootMark) => (
      posted.push({ op: 'root', ts: 'ts-1', text: view.text }),
      'ts-1'
    ),
    findRoot: async () => undefined,
    postInThread: async (_c, ts, view) => void posted.push({ op: 'thread', ts, text: view.text }),
    updateRoot: async (_c, ts, view) => void posted.push({ op: 'update', ts, text: view.text }),
  };
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
  const watcher = (p: ThreadPoster) =>
    createAlertWatcher({
      detectors: [detector],
      store,
      poster: p,
      render: alertViews,
      clock: { now: () => t.now },
      channel: 'C-alerts',
      minUpdateIntervalMs: 10_000,
      clearAfterMs: 60_000,
      openingTimeoutMs: 60_000,
    });
  const first = watcher({ ...poster, updateRoot: () => new Promise<void>(() => undefined) }); // killed mid-edit
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
  await watcher(poster).tick();
  expect(posted.map((p) => [p.op, p.ts])).toEqual([
    ['root', 'ts-1'],
    ['update', 'ts-1'],
    ['thread', 'ts-1'],
  ]);
  expect(posted[1]!.text).toMatch(/resolved/i);
  expect(await store.list('')).toEqual([]);
});
