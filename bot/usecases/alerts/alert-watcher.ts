import type { View } from '../../views/view';
import type { Clock } from '../../domain/clock';
import { isAppError } from '../../domain/errors';
import type { StateStore } from '../../ports/state-store';
import type { AlertState, Detector, Observation } from './alert-types';
import type { ChannelMessenger } from '../../ports/channel-messenger';
import { alertThread } from './alert-thread';

/** Pure renderers from bot/views/alerts (alertViews). */
export interface AlertRenderer {
  root(alert: AlertState, now: number): View;
  update(alert: AlertState, now: number): View;
  resolved(alert: AlertState, now: number): View;
}

export interface AlertLog {
  warn(message: string): void;
}

export interface AlertWatcherDeps {
  detectors: Detector[];
  store: StateStore;
  messenger: ChannelMessenger;
  render: AlertRenderer;
  clock: Clock;
  channel: string;
  /** A problem must look clear this long before its thread is resolved (default 60 s). */
  clearAfterMs?: number;
  /** At most one thread update per problem this often (default 60 s). */
  minUpdateIntervalMs?: number;
  /** A root post that never completed ('opening') is retried after this (default 60 s). */
  openingTimeoutMs?: number;
  log?: AlertLog;
  /** Called when a thread opens and when it resolves, e.g. to post the relevant chart in it (issue 12). */
  onThread?: (event: ThreadEvent) => Promise<void>;
}

export interface ThreadEvent {
  phase: 'opened' | 'resolved';
  alert: AlertState;
  channel: string;
  ts: string;
}

export interface AlertWatcher {
  /** One round of checks; safe to call concurrently from replicas (compare-and-set on each alert). */
  tick(): Promise<void>;
  start(intervalMs: number): void;
  /** Stops the timer and resolves once the round in flight (if any) has finished. */
  stop(): Promise<void>;
  /** Alerts not yet resolved (pending or open). */
  active(): Promise<AlertState[]>;
}

const PREFIX = 'alerts/';
const keyOf = (key: string) => `${PREFIX}${encodeURIComponent(key)}.json`;
const familyOf = (key: string) => key.split(':')[0] ?? key;

type Loaded = { value: AlertState; version: string };

export const createAlertWatcher = (deps: AlertWatcherDeps): AlertWatcher => {
  const clearAfter = deps.clearAfterMs ?? 60_000;
  const minUpdate = deps.minUpdateIntervalMs ?? 60_000;
  const openingTimeout = deps.openingTimeoutMs ?? 60_000;
  const log = deps.log ?? { warn: () => undefined };
  const thread = alertThread(deps.messenger);
  let timer: ReturnType<typeof setInterval> | undefined;
  let running: Promise<void> | undefined;

  const load = async (): Promise<Map<string, Loaded>> => {
    const loaded = new Map<string, Loaded>();
    for (const storeKey of await deps.store.list(PREFIX)) {
      const entry = await deps.store.get<AlertState>(storeKey);
      if (entry) loaded.set(entry.value.key, entry);
    }
    return loaded;
  };

  /** Writes unless another replica changed it first; false on conflict. */
  const save = async (state: AlertState, previous?: Loaded): Promise<Loaded | undefined> => {
    try {
      const version = await deps.store.put(
        keyOf(state.key),
        state,
        previous ? { version: previous.version } : 'absent',
      );
      return { value: state, version };
    } catch (error) {
      if (isAppError(error, 'STATE_CONFLICT')) return undefined;
      throw error;
    }
  };

  const observeAll = async (): Promise<{ observations: Observation[]; failed: Set<string> }> => {
    const observations: Observation[] = [];
    const failed = new Set<string>();
    const results = await Promise.all(
      deps.detectors.map(async (d) => {
        try {
          return { d, obs: await d.observe() };
        } catch (error) {
          return { d, error: error instanceof Error ? error.message : String(error) };
        }
      }),
    );
    for (const r of results) {
      const checkKey = `${r.d.family}:check-failed`;
      if ('obs' in r && r.obs) {
        observations.push(...r.obs, {
          key: checkKey,
          state: 'clear',
          severity: 'critical',
          title: `Cannot check ${r.d.family}`,
          detail: 'the check works again',
          openAfterMs: 0,
        });
      } else {
        failed.add(r.d.family);
        observations.push({
          key: checkKey,
          state: 'active',
          severity: 'critical',
          title: `Cannot check ${r.d.family}`,
          detail: r.error ?? 'unknown error',
          openAfterMs: 0,
        });
      }
    }
    return { observations, failed };
  };

  /** Extras in the thread never hold up or fail the alert itself. */
  const threadHook = async (event: ThreadEvent) => {
    try {
      await deps.onThread?.(event);
    } catch (error) {
      log.warn(`alert ${event.alert.key}: ${error instanceof Error ? error.message : String(error)}`);
    }
  };

  /** Records the root as posted: the thread is open (then its extras, e.g. the panel, go in). */
  const opened = async (claimed: Loaded, ts: string) => {
    const channel = claimed.value.channel ?? deps.channel;
    const saved = await save(
      {
        ...claimed.value,
        status: 'open',
        channel,
        ts,
        lastPostedDetail: claimed.value.lastPostedDetail ?? claimed.value.detail,
        lastPostedAt: claimed.value.openedAt,
      },
      claimed,
    );
    if (saved) await threadHook({ phase: 'opened', alert: saved.value, channel, ts });
  };

  // Claim ('opening', with what the root will show), post the root with a mark, record it ('open').
  // A stop between the post and the record is found again by its mark (see `resumeOpening`).
  const open = async (loaded: Loaded, now: number) => {
    const claimed = await save(
      {
        ...loaded.value,
        status: 'opening',
        openedAt: now,
        channel: deps.channel,
        lastPostedDetail: loaded.value.detail,
      },
      loaded,
    );
    if (!claimed) return; // another replica opens it
    const ts = await thread.postRoot(deps.channel, deps.render.root(claimed.value, now), {
      key: claimed.value.key,
      openedAt: now,
    });
    await opened(claimed, ts);
  };

  /** An 'opening' left by a stopped or crashed bot: adopt its root if it was posted, else post after the timeout. */
  const resumeOpening = async (current: Loaded, now: number) => {
    const s = current.value;
    const ts = await thread.findRoot(s.channel ?? deps.channel, {
      key: s.key,
      openedAt: s.openedAt ?? 0,
    });
    if (ts) {
      await opened(current, ts);
      return;
    }
    if (now - (s.openedAt ?? 0) >= openingTimeout) await open(current, now);
  };

  const onActive = async (obs: Observation, stored: Loaded | undefined, now: number) => {
    // The previous thread's resolution first, if a crash kept it from being shown; then a new problem.
    let loaded = stored;
    if (stored && unshownResolution(stored.value, now)) {
      await showResolution(stored.value, now, true);
      loaded = undefined;
    }
    const fresh = !loaded || loaded.value.status === 'resolved';
    const base: AlertState = fresh
      ? {
          key: obs.key,
          status: 'pending',
          severity: obs.severity,
          title: obs.title,
          detail: obs.detail,
          firstSeen: now,
          lastSeen: now,
          updates: 0,
        }
      : { ...(loaded as Loaded).value };
    const next: AlertState = {
      ...base,
      severity: obs.severity,
      title: obs.title,
      detail: obs.detail,
      lastSeen: now,
    };
    delete next.clearSince;
    const current = await save(next, fresh && !loaded ? undefined : loaded);
    if (!current) return;
    const s = current.value;
    if (s.status === 'pending' && now - s.firstSeen >= obs.openAfterMs) {
      await open(current, now);
      return;
    }
    if (s.status === 'opening') {
      await resumeOpening(current, now);
      return;
    }
    if (
      s.status === 'open' &&
      s.ts &&
      s.detail !== s.lastPostedDetail &&
      now - (s.lastPostedAt ?? 0) >= minUpdate
    ) {
      const updated: AlertState = {
        ...s,
        lastPostedDetail: s.detail,
        lastPostedAt: now,
        updates: s.updates + 1,
      };
      const claimed = await save(updated, current);
      if (!claimed) return;
      try {
        await thread.postInThread(s.channel ?? deps.channel, s.ts, deps.render.update(updated, now));
      } catch (error) {
        // The claim said "posted": take it back, so the next round tries again instead of never.
        await save(
          {
            ...updated,
            lastPostedDetail: s.lastPostedDetail,
            lastPostedAt: s.lastPostedAt,
            updates: s.updates,
          },
          claimed,
        );
        throw error;
      }
      await thread.updateRoot(s.channel ?? deps.channel, s.ts, deps.render.root(updated, now));
    }
  };

  /**
   * Shows a recorded resolution: the root edited, a marked line in the thread, then the record removed.
   * A `retry` (the runner died before removing the record) looks for its line in the thread first.
   */
  const showResolution = async (resolved: AlertState, now: number, retry: boolean) => {
    if (!resolved.ts) return;
    const channel = resolved.channel ?? deps.channel;
    await thread.updateRoot(channel, resolved.ts, deps.render.resolved(resolved, now));
    await thread.postOnceInThread(channel, resolved.ts, deps.render.resolved(resolved, now), {
      mark: { key: resolved.key, openedAt: resolved.openedAt ?? 0 },
      kind: 'resolved',
      retry,
    });
    await deps.store.delete(keyOf(resolved.key));
    await threadHook({ phase: 'resolved', alert: resolved, channel, ts: resolved.ts });
  };

  /**
   * A resolution recorded but still stored after the opening timeout: its runner died before showing
   * it (the record is removed once shown). Shown now, so the root does not stay open forever.
   */
  const unshownResolution = (s: AlertState, now: number) =>
    s.status === 'resolved' && now - (s.resolvedAt ?? 0) >= openingTimeout;

  const onClear = async (obs: Observation | undefined, loaded: Loaded, now: number) => {
    const s = loaded.value;
    if (unshownResolution(s, now)) return showResolution(s, now, true);
    if (s.status === 'resolved') return;
    if (s.status === 'pending') {
      await deps.store.delete(keyOf(s.key));
      return;
    }
    if (s.status !== 'open' || !s.ts) return;
    const clearSince = s.clearSince ?? now;
    if (now - clearSince < clearAfter) {
      if (s.clearSince === undefined) await save({ ...s, clearSince }, loaded);
      return;
    }
    const resolved: AlertState = { ...s, status: 'resolved', resolvedAt: now, clearSince };
    if (obs) resolved.detail = obs.detail;
    const done = await save(resolved, loaded);
    if (!done) return;
    await showResolution(resolved, now, false);
  };

  const round = async () => {
    const now = deps.clock.now();
    const [{ observations, failed }, known] = await Promise.all([observeAll(), load()]);
    const seen = new Set<string>();
    for (const obs of observations) {
      seen.add(obs.key);
      const loaded = known.get(obs.key);
      try {
        if (obs.state === 'active') await onActive(obs, loaded, now);
        else if (obs.state === 'clear' && loaded) await onClear(obs, loaded, now);
      } catch (error) {
        log.warn(`alert ${obs.key}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    // A problem no check reports any more (e.g. a deleted connector) is clear, unless its check failed.
    for (const [key, loaded] of known) {
      if (seen.has(key) || failed.has(familyOf(key))) continue;
      try {
        await onClear(undefined, loaded, now);
      } catch (error) {
        log.warn(`alert ${key}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  };

  const tick = async () => {
    if (running) return running;
    running = round().finally(() => (running = undefined));
    return running;
  };

  return {
    tick,
    start: (intervalMs) => {
      if (timer) return;
      timer = setInterval(() => {
        tick().catch((error) =>
          log.warn(`alert watcher: ${error instanceof Error ? error.message : String(error)}`),
        );
      }, intervalMs);
      timer.unref?.();
    },
    stop: async () => {
      if (timer) clearInterval(timer);
      timer = undefined;
      await running?.catch(() => undefined);
    },
    active: async () =>
      [...(await load()).values()].map((l) => l.value).filter((s) => s.status !== 'resolved'),
  };
};
