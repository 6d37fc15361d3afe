import type { Clock } from '../../domain/clock';
import { AppError, isAppError } from '../../domain/errors';
import { InFlight } from '../../domain/in-flight';
import type { ChannelMessenger, MessageMark } from '../../ports/channel-messenger';
import type { StateStore } from '../../ports/state-store';
import type { View } from '../../views/view';
import type { CronEngine, ReportBuilder, ReportMessage, ReportTrigger, Schedule } from '../../ports/reports';

/** Persisted per schedule: survives restarts, shared by replicas. */
export interface ScheduleState {
  cron: string;
  timezone: string;
  /** Slot (unix ms) of the last report posted. */
  lastSlot?: number;
  lastRunAt?: number;
  lastRunBy?: string;
  /** The next slot expected to be posted; a past value at start means the bot was down then. */
  nextDue?: number;
}

export interface SchedulerLog {
  info(message: string): void;
  warn(message: string): void;
}

export interface ReportSchedulerDeps {
  schedules: Schedule[];
  store: StateStore;
  /**
   * Scheduled reports carry a mark (schedule and slot) and are found again: a slot whose runner died
   * between taking the slot and recording the post is finished at the next start, posting the report
   * only if the channel does not have it yet.
   */
  messenger: ChannelMessenger;
  build: ReportBuilder;
  clock: Clock;
  cron: CronEngine;
  /** Distinguishes replicas in the lease records (e.g. hostname + pid). */
  instanceId: string;
  log?: SchedulerLog;
  /** A slot this much past due at start counts as missed (default 60 s). */
  missedGraceMs?: number;
  /** Leases older than this are deleted (default 7 days). */
  leaseRetentionMs?: number;
  /** A slot taken this long ago and still not recorded as posted belongs to a runner that died (default 5 min). */
  unfinishedAfterMs?: number;
}

/** A slot taken by one replica. `posted: false` until its report is out (absent in older leases: posted). */
interface Lease {
  by: string;
  at: number;
  kind: string;
  posted?: boolean;
}

const reportMark = (scheduleId: string, slot: number): MessageMark => ({
  type: 'mm2_report',
  fields: { schedule: scheduleId, slot },
});

export interface ReportScheduler {
  /** Reports a run missed while down (once), then arms the cron tasks. */
  start(): Promise<void>;
  /** Disarms the cron tasks and resolves once the report slots in flight have finished. */
  stop(): Promise<void>;
  /** Posts the report for one slot unless another replica already did; true when this one posted. */
  runSlot(schedule: Schedule, slot: number, kind: 'scheduled' | 'missed'): Promise<boolean>;
  state(scheduleId: string): Promise<ScheduleState | undefined>;
}

const stateKey = (id: string) => `reports/schedules/${encodeURIComponent(id)}.json`;
const leasePrefix = (id: string) => `reports/leases/${encodeURIComponent(id)}/`;
const leaseKey = (id: string, slot: number) => `${leasePrefix(id)}${slot}.json`;

const silent: SchedulerLog = { info: () => undefined, warn: () => undefined };

export const createReportScheduler = (deps: ReportSchedulerDeps): ReportScheduler => {
  const log = deps.log ?? silent;
  const grace = deps.missedGraceMs ?? 60_000;
  const unfinished = deps.unfinishedAfterMs ?? 5 * 60_000;
  const retention = deps.leaseRetentionMs ?? 7 * 24 * 3600_000;
  const ids = new Set<string>();
  for (const s of deps.schedules) {
    if (ids.has(s.id)) throw new AppError('CONFIG_INVALID', `Report schedule id '${s.id}' is used twice.`);
    ids.add(s.id);
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: s.timezone });
    } catch {
      throw new AppError(
        'CONFIG_INVALID',
        `Report schedule '${s.id}' has an unknown time zone '${s.timezone}'.`,
        'Use an IANA zone such as "Europe/Paris" or "UTC".',
      );
    }
    if (!deps.cron.validate(s.cron)) {
      throw new AppError(
        'CONFIG_INVALID',
        `Report schedule '${s.id}' has an invalid cron expression '${s.cron}'.`,
        'Use 5 fields (minute hour day month weekday) or 6 with seconds first, e.g. "0 9 * * 1-5".',
      );
    }
  }
  let tasks: Array<{ stop(): void }> = [];
  let stopped = false;
  const inFlight = new InFlight();

  const nextDue = (s: Schedule): number | undefined => deps.cron.next(s.cron, s.timezone)?.getTime();

  /** Compare-and-set loop: replicas may record runs concurrently; the latest slot wins. */
  const record = async (s: Schedule, update: (current: ScheduleState | undefined) => ScheduleState) => {
    for (let attempt = 0; attempt < 5; attempt++) {
      const current = await deps.store.get<ScheduleState>(stateKey(s.id));
      try {
        await deps.store.put(
          stateKey(s.id),
          update(current?.value),
          current ? { version: current.version } : 'absent',
        );
        return;
      } catch (error) {
        if (!isAppError(error, 'STATE_CONFLICT')) throw error;
      }
    }
    log.warn(`report schedule ${s.id}: state not recorded after 5 conflicting writes`);
  };

  const acquire = async (s: Schedule, slot: number, kind: string): Promise<boolean> => {
    try {
      const lease: Lease = { by: deps.instanceId, at: deps.clock.now(), kind, posted: false };
      await deps.store.put(leaseKey(s.id, slot), lease, 'absent');
      return true;
    } catch (error) {
      if (isAppError(error, 'STATE_CONFLICT')) return false;
      throw error;
    }
  };

  const prune = async (s: Schedule) => {
    const cutoff = deps.clock.now() - retention;
    for (const key of await deps.store.list(leasePrefix(s.id))) {
      const slot = Number(key.slice(leasePrefix(s.id).length).replace(/\.json$/, ''));
      if (Number.isFinite(slot) && slot < cutoff) await deps.store.delete(key);
    }
  };

  /** The slot's report is out: later starts leave it alone. */
  const markPosted = async (s: Schedule, slot: number) => {
    const current = await deps.store.get<Lease>(leaseKey(s.id, slot));
    if (!current || current.value.posted !== false) return;
    await deps.store
      .put(leaseKey(s.id, slot), { ...current.value, posted: true }, { version: current.version })
      .catch((error: unknown) => {
        if (!isAppError(error, 'STATE_CONFLICT')) throw error;
      });
  };

  /** A scheduled report's message carries its slot's mark, so a restart can tell whether it went out. */
  const postView = (s: Schedule, view: View, slot: number | undefined): Promise<string> =>
    deps.messenger.post(s.channel, view, undefined, slot === undefined ? undefined : reportMark(s.id, slot));

  const failureView = (s: Schedule, reason: string): View => ({
    text: `Scheduled lag report '${s.id}' failed: ${reason}`,
    blocks: [
      {
        type: 'section',
        text: {
          type: 'mrkdwn',
          text: `:x: Scheduled lag report \`${s.id}\` failed: ${reason}`.slice(0, 3000),
        },
      },
    ],
  });

  const reasonOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

  /**
   * The slot's report: its message, then its CSV and chart. The attachments belong to the slot, so the
   * slot's work (and a shutdown's drain) ends only once they are out. A report that cannot be built or
   * posted is replaced by a marked failure notice; an attachment that cannot be uploaded is said in the
   * report's thread, never as a second marked message (that would be a second post for the slot).
   */
  const post = async (s: Schedule, trigger: ReportTrigger) => {
    const slot = 'slot' in trigger ? trigger.slot : undefined;
    let message: ReportMessage;
    let ts: string;
    try {
      message = await deps.build(trigger);
      ts = await postView(s, message.view, slot);
    } catch (error) {
      const reason = reasonOf(error);
      log.warn(`report schedule ${s.id}: report failed: ${reason}`);
      await postView(s, failureView(s, reason), slot);
      return;
    }
    for (const file of [message.csv, message.chart]) {
      if (!file) continue;
      try {
        await deps.messenger.attach(s.channel, file);
      } catch (error) {
        const reason = reasonOf(error);
        log.warn(`report schedule ${s.id}: ${file.filename} not attached: ${reason}`);
        await deps.messenger
          .post(s.channel, failureView(s, `${file.filename} not attached: ${reason}`), ts)
          .catch(() => undefined);
      }
    }
  };

  const runSlot: ReportScheduler['runSlot'] = async (s, slot, kind) => {
    if (!(await acquire(s, slot, kind))) return false;
    await post(s, { kind, slot });
    await markPosted(s, slot);
    const now = deps.clock.now();
    const due = nextDue(s);
    await record(s, (current) => {
      const newer = current?.lastSlot !== undefined && current.lastSlot > slot;
      const state: ScheduleState = { cron: s.cron, timezone: s.timezone };
      const lastSlot = newer ? current?.lastSlot : slot;
      if (lastSlot !== undefined) state.lastSlot = lastSlot;
      state.lastRunAt = newer ? (current?.lastRunAt ?? now) : now;
      state.lastRunBy = newer ? (current?.lastRunBy ?? deps.instanceId) : deps.instanceId;
      const nextValue = Math.max(current?.nextDue ?? 0, due ?? 0);
      if (nextValue > 0) state.nextDue = nextValue;
      return state;
    });
    await prune(s).catch((error) =>
      log.warn(`report schedule ${s.id}: lease cleanup failed: ${String(error)}`),
    );
    return true;
  };

  /**
   * Slots taken by a runner that died before recording the post (crash, SIGKILL): taken over (compare-
   * and-set, so one replica does it), then the report is posted unless the channel already has it.
   */
  const finishUnposted = async (s: Schedule) => {
    const now = deps.clock.now();
    for (const key of await deps.store.list(leasePrefix(s.id))) {
      const lease = await deps.store.get<Lease>(key);
      if (!lease || lease.value.posted !== false || now - lease.value.at < unfinished) continue;
      try {
        await deps.store.put(
          key,
          { ...lease.value, by: deps.instanceId, at: now },
          { version: lease.version },
        );
      } catch (error) {
        if (isAppError(error, 'STATE_CONFLICT')) continue;
        throw error;
      }
      const slot = Number(key.slice(leasePrefix(s.id).length).replace(/\.json$/, ''));
      const found = await deps.messenger.findMarked(s.channel, reportMark(s.id, slot), slot);
      if (!found) {
        log.info(
          `report schedule ${s.id}: slot ${new Date(slot).toISOString()} was taken but not posted; posting it now`,
        );
        await post(s, { kind: 'missed', slot });
      } else {
        // The message is out but its attachments may not be. They are not rebuilt: a table read now (at
        // least `unfinishedAfterMs` later) would contradict the numbers of the message it hangs under, and
        // the channel cannot tell whether the dead runner had uploaded one of them (a second copy). The
        // next slot carries a fresh table.
        log.info(
          `report schedule ${s.id}: slot ${new Date(slot).toISOString()} was posted by a runner that died; its attachments are not rebuilt`,
        );
      }
      await markPosted(s, slot);
    }
  };

  const catchUp = async (s: Schedule) => {
    const saved = (await deps.store.get<ScheduleState>(stateKey(s.id)))?.value;
    const now = deps.clock.now();
    const sameSchedule = saved && saved.cron === s.cron && saved.timezone === s.timezone;
    if (sameSchedule && saved.nextDue !== undefined && saved.nextDue + grace < now) {
      log.info(
        `report schedule ${s.id}: slot ${new Date(saved.nextDue).toISOString()} was missed; reporting it now`,
      );
      if (await runSlot(s, saved.nextDue, 'missed')) return;
    }
    if (!sameSchedule) {
      const due = nextDue(s);
      await record(s, (current) => ({
        ...current,
        cron: s.cron,
        timezone: s.timezone,
        ...(due ? { nextDue: due } : {}),
      }));
    }
  };

  return {
    start: async () => {
      for (const s of deps.schedules) {
        // In flight too: a shutdown during start waits for a taken-over or missed slot to finish.
        await inFlight.run(async () => {
          await finishUnposted(s).catch((error: unknown) =>
            log.warn(`report schedule ${s.id}: unfinished slots not checked: ${String(error)}`),
          );
          await catchUp(s);
        });
        if (stopped) return;
        tasks.push(
          deps.cron.schedule(s.cron, s.timezone, (slot) => {
            // A tick the cron library delivers after stop() would start a slot the drain never waits for.
            if (stopped) return;
            inFlight
              .run(() => runSlot(s, slot.getTime(), 'scheduled'))
              .catch((error) =>
                log.warn(
                  `report schedule ${s.id}: ${error instanceof Error ? error.message : String(error)}`,
                ),
              );
          }),
        );
      }
    },
    stop: async () => {
      stopped = true;
      for (const task of tasks) task.stop();
      tasks = [];
      await inFlight.idle();
    },
    runSlot,
    state: async (id) => (await deps.store.get<ScheduleState>(stateKey(id)))?.value,
  };
};
