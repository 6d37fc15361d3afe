// Issue 15 item 11: a stop or crash between posting an alert's root and recording it must not lead
// to a second root after restart (one thread per problem across restarts).
import { createAlertWatcher } from '../../../bot/usecases/alerts/alert-watcher';
import type { Detector } from '../../../bot/usecases/alerts/alert-types';
import type { ChannelMessenger } from '../../../bot/ports/channel-messenger';
import { recordingMessenger } from '../../support/recording-messenger';
import { alertViews } from '../../../bot/views/alerts/alert-views';
import type { StateStore } from '../../../bot/ports/state-store';
import { MemoryStateStore as MemoryStore } from '../../support/memory-state-store';

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

const watcher = (store: StateStore, messenger: ChannelMessenger, detector: Detector, t: { now: number }) =>
  createAlertWatcher({
    detectors: [detector],
    store,
    messenger,
    render: alertViews,
    clock: clockAt(t),
    channel: 'C-alerts',
    minUpdateIntervalMs: 10_000,
    openingTimeoutMs: 60_000,
  });

describe('alert watcher across restarts (issue 15 item 11)', () => {
  it('stop() waits for the round in flight, so the root it posted is recorded', async () => {
    const store = new MemoryStore();
    const { posted, messenger: poster } = recordingMessenger();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const slowPoster: ChannelMessenger = {
      ...poster,
      post: async (c, v, th, m) => {
        await gate;
        return poster.post(c, v, th, m);
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
    const { posted, messenger: poster } = recordingMessenger();
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
    const crashingPoster: ChannelMessenger = {
      ...poster,
      post: async (c, v, th, m) => {
        const ts = await poster.post(c, v, th, m);
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
