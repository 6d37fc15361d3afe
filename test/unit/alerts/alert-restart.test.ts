// Issue 15 item 11: a stop or crash between posting an alert's root and recording it must not lead
// to a second root after restart (one thread per problem across restarts).
import type { View } from '../../../bot/views/view';
import { createAlertWatcher } from '../../../bot/usecases/alerts/alert-watcher';
import type { Detector } from '../../../bot/usecases/alerts/alert-types';
import type { RootMark, ThreadPoster } from '../../../bot/ports/thread-poster';
import { alertViews } from '../../../bot/views/alerts/alert-views';
import type { StateStore } from '../../../bot/ports/state-store';
import { MemoryStateStore as MemoryStore } from '../../support/memory-state-store';

type Posted = { op: 'root' | 'thread' | 'update'; ts: string; text: string; mark?: RootMark };

/** A channel that keeps what was posted, with each root's mark, like Slack's message metadata. */
const channelWithMarks = () => {
  const posted: Posted[] = [];
  let n = 0;
  const poster: ThreadPoster = {
    postRoot: async (_c: string, view: View, mark: RootMark) => {
      const ts = `ts-${++n}`;
      posted.push({ op: 'root', ts, text: view.text, mark });
      return ts;
    },
    findRoot: async (_c: string, mark: RootMark) =>
      posted.find((p) => p.op === 'root' && p.mark?.key === mark.key && p.mark.openedAt === mark.openedAt)
        ?.ts,
    postInThread: async (_c: string, ts: string, view: View) =>
      void posted.push({ op: 'thread', ts, text: view.text }),
    updateRoot: async (_c: string, ts: string, view: View) =>
      void posted.push({ op: 'update', ts, text: view.text }),
  };
  return { posted, poster };
};

const lagging = () => {
  let detail = '10 records behind in total';
  const detector: Detector = {
    family: 'lag',
    observe: async () => [
      {
        key: 'lag:replication',
        state: 'active',
        severity: 'warning',
        title: 'Replication lag',
        detail,
        openAfterMs: 0,
      },
    ],
  };
  return { detector, setDetail: (d: string) => (detail = d) };
};

const clockAt = (t: { now: number }) => ({ now: () => t.now });

const watcher = (store: StateStore, poster: ThreadPoster, detector: Detector, t: { now: number }) =>
  createAlertWatcher({
    detectors: [detector],
    store,
    poster,
    render: alertViews,
    clock: clockAt(t),
    channel: 'C-alerts',
    minUpdateIntervalMs: 10_000,
    openingTimeoutMs: 60_000,
  });

describe('alert watcher across restarts (issue 15 item 11)', () => {
  it('stop() waits for the round in flight, so the root it posted is recorded', async () => {
    const store = new MemoryStore();
    const { posted, poster } = channelWithMarks();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const slowPoster: ThreadPoster = {
      ...poster,
      postRoot: async (c, v, m) => {
        await gate;
        return poster.postRoot(c, v, m);
      },
    };
    const { detector } = lagging();
    const t = { now: 1_000_000 };
    const w = watcher(store, slowPoster, detector, t);
    const round = w.tick();
    await new Promise((r) => setImmediate(r));
    let stopped = false;
    const stopping = Promise.resolve(w.stop()).then(() => (stopped = true));
    await new Promise((r) => setImmediate(r));
    expect(stopped).toBe(false); // still posting
    release();
    await stopping;
    await round;
    expect(posted.map((p) => p.op)).toEqual(['root']);
    expect((await w.active()).map((a) => [a.status, a.ts])).toEqual([['open', 'ts-1']]);
  });

  it('a crash between the root post and its record: the restarted bot finds the root, posts no second one', async () => {
    const store = new MemoryStore();
    const { posted, poster } = channelWithMarks();
    const { detector, setDetail } = lagging();
    const t = { now: 1_000_000 };
    // The first bot "dies" right after Slack accepted the root: its next write never happens.
    let dead = false;
    const dying: StateStore = {
      get: (k) => store.get(k),
      list: (p) => store.list(p),
      delete: (k) => (dead ? new Promise<void>(() => undefined) : store.delete(k)),
      put: (k, v, c) => (dead ? new Promise<string>(() => undefined) : store.put(k, v, c)),
    };
    const crashingPoster: ThreadPoster = {
      ...poster,
      postRoot: async (c, v, m) => {
        const ts = await poster.postRoot(c, v, m);
        dead = true;
        return ts;
      },
    };
    void watcher(dying, crashingPoster, detector, t).tick();
    await new Promise((r) => setTimeout(r, 20));
    expect(posted.map((p) => p.op)).toEqual(['root']);

    // restart: the problem changed meanwhile; the opening timeout passes
    setDetail('13 records behind in total');
    const restarted = watcher(store, poster, detector, t);
    for (let i = 0; i < 8; i++) {
      t.now += 15_000;
      await restarted.tick();
    }
    expect(posted.filter((p) => p.op === 'root')).toHaveLength(1);
    const inThread = posted.filter((p) => p.op === 'thread');
    expect(inThread).toHaveLength(1);
    expect(inThread[0]).toMatchObject({ ts: 'ts-1' });
    expect(inThread[0]!.text).toContain('Still happening');
  });
});
