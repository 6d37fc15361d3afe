import type { FileAttachment, View } from '../../../bot/views/view';
import { createReportScheduler } from '../../../bot/usecases/reports/report-scheduler';
import { nodeCronEngine } from '../../../bot/adapters/cron/node-cron-engine';
import type { ChannelMessenger } from '../../../bot/ports/channel-messenger';
import type { CronEngine, ReportTrigger, Schedule } from '../../../bot/ports/reports';
import { systemClock } from '../../../bot/domain/clock';
import { MemoryStateStore } from '../../support/memory-state-store';
import { FileStateStore } from '../../../bot/adapters/store/file-state-store';
import type { StateStore } from '../../../bot/ports/state-store';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

interface Posted {
  channel: string;
  text: string;
  by: string;
}

const recordingPoster = (log: Posted[], by: string): ChannelMessenger => ({
  post: async (channel: string, view: View) => {
    log.push({ channel, text: view.text, by });
    return `ts-${log.length}`;
  },
  update: async () => undefined,
  attach: async (channel: string, file: FileAttachment) =>
    void log.push({ channel, text: `file:${file.filename}`, by }),
  findInThread: async () => undefined,
  findMarked: async () => undefined,
});

const builder = (trigger: ReportTrigger) =>
  Promise.resolve({
    view: { text: `${trigger.kind}:${'slot' in trigger ? trigger.slot : 'now'}`, blocks: [] },
  });

/** A CronEngine whose ticks the test fires by hand. */
const manualCron = (next: () => number) => {
  const ticks: Array<(slot: Date) => void> = [];
  const engine: CronEngine = {
    validate: (e) => e !== 'bad',
    schedule: (_e, _tz, onTick) => {
      ticks.push(onTick);
      return { stop: () => undefined };
    },
    next: () => new Date(next()),
  };
  return { engine, fire: (slot: number) => ticks.forEach((t) => t(new Date(slot))) };
};

const everySecond: Schedule = { id: 'fast', cron: '* * * * * *', timezone: 'UTC', channel: 'C-ops' };

describe('report scheduler', () => {
  const twoReplicas: Array<[string, () => [StateStore, StateStore]]> = [
    [
      'one in-memory store',
      () => {
        const shared = new MemoryStateStore();
        return [shared, shared];
      },
    ],
    [
      'two file stores on one directory (as two processes)',
      () => {
        const dir = mkdtempSync(join(tmpdir(), 'mm2-reports-'));
        return [new FileStateStore({ dir, fsync: false }), new FileStateStore({ dir, fsync: false })];
      },
    ],
  ];

  it.each(twoReplicas)(
    'with two replicas over %s and a fast schedule, posts each slot exactly once',
    async (_name, stores) => {
      const [storeA, storeB] = stores();
      const posted: Posted[] = [];
      const make = (id: string) =>
        createReportScheduler({
          schedules: [everySecond],
          store: id === 'a' ? storeA : storeB,
          messenger: recordingPoster(posted, id),
          build: builder,
          clock: systemClock,
          cron: nodeCronEngine(),
          instanceId: id,
        });
      const a = make('a');
      const b = make('b');
      await Promise.all([a.start(), b.start()]);
      await new Promise((r) => setTimeout(r, 3500));
      a.stop();
      b.stop();
      await new Promise((r) => setTimeout(r, 200));
      const slots = posted.map((p) => p.text);
      expect(slots.length).toBeGreaterThanOrEqual(2);
      expect(new Set(slots).size).toBe(slots.length);
      expect(slots.every((s) => /^scheduled:\d+000$/.test(s))).toBe(true);
      expect(posted.every((p) => p.channel === 'C-ops')).toBe(true);
      const state = await a.state('fast');
      expect(state?.lastSlot).toBe(Math.max(...slots.map((s) => Number(s.split(':')[1]))));
      expect(state?.nextDue).toBeGreaterThan(state?.lastSlot ?? Infinity);
    },
  );

  it('reports a run missed while the bot was down once, even with two replicas starting together', async () => {
    const store = new MemoryStateStore();
    const now = Date.now();
    await store.put('reports/schedules/daily.json', {
      cron: '0 9 * * *',
      timezone: 'Europe/Paris',
      lastSlot: now - 26 * 3600_000,
      nextDue: now - 2 * 3600_000,
    });
    const daily: Schedule = { id: 'daily', cron: '0 9 * * *', timezone: 'Europe/Paris', channel: 'C-ops' };
    const posted: Posted[] = [];
    const make = (id: string) =>
      createReportScheduler({
        schedules: [daily],
        store,
        messenger: recordingPoster(posted, id),
        build: builder,
        clock: systemClock,
        cron: manualCron(() => now + 20 * 3600_000).engine,
        instanceId: id,
      });
    await Promise.all([make('a').start(), make('b').start()]);
    expect(posted.map((p) => p.text)).toEqual([`missed:${now - 2 * 3600_000}`]);
    // a later restart finds the schedule up to date: nothing more to catch up
    await make('c').start();
    expect(posted).toHaveLength(1);
    expect((await store.get<{ nextDue: number }>('reports/schedules/daily.json'))?.value.nextDue).toBe(
      now + 20 * 3600_000,
    );
  });

  it('does not report a missed run on the first start or after a schedule change', async () => {
    const store = new MemoryStateStore();
    await store.put('reports/schedules/daily.json', {
      cron: '0 8 * * *',
      timezone: 'UTC',
      nextDue: Date.now() - 3600_000,
    });
    const posted: Posted[] = [];
    const s = createReportScheduler({
      schedules: [
        { id: 'daily', cron: '0 9 * * *', timezone: 'UTC', channel: 'C' },
        { id: 'new', cron: '0 9 * * *', timezone: 'UTC', channel: 'C' },
      ],
      store,
      messenger: recordingPoster(posted, 'a'),
      build: builder,
      clock: systemClock,
      cron: manualCron(() => Date.now() + 3600_000).engine,
      instanceId: 'a',
    });
    await s.start();
    expect(posted).toEqual([]);
    expect((await s.state('new'))?.cron).toBe('0 9 * * *');
    expect((await s.state('daily'))?.cron).toBe('0 9 * * *');
  });

  it('attaches the CSV, posts the failure when the report cannot be built, and prunes old leases', async () => {
    const store = new MemoryStateStore();
    const posted: Posted[] = [];
    const cron = manualCron(() => Date.now() + 1000);
    let fail = false;
    const s = createReportScheduler({
      schedules: [{ id: 'x', cron: '* * * * *', timezone: 'UTC', channel: 'C' }],
      store,
      messenger: recordingPoster(posted, 'a'),
      build: async () => {
        if (fail) throw new Error('Kafka cluster source is unreachable');
        return {
          view: { text: 'report', blocks: [] },
          csv: { filename: 'lag.csv', title: 't', content: 'a,b' },
        };
      },
      clock: systemClock,
      cron: cron.engine,
      instanceId: 'a',
      leaseRetentionMs: 60_000,
    });
    await s.start();
    const old = Date.now() - 3600_000;
    await store.put(`reports/leases/x/${old}.json`, { by: 'z' }, 'absent');
    expect(
      await s.runSlot({ id: 'x', cron: '* * * * *', timezone: 'UTC', channel: 'C' }, Date.now(), 'scheduled'),
    ).toBe(true);
    expect(posted.map((p) => p.text)).toEqual(['report', 'file:lag.csv']);
    expect(await store.list('reports/leases/x/')).toHaveLength(1);
    fail = true;
    await s.runSlot(
      { id: 'x', cron: '* * * * *', timezone: 'UTC', channel: 'C' },
      Date.now() + 1,
      'scheduled',
    );
    expect(posted[2]?.text).toBe("Scheduled lag report 'x' failed: Kafka cluster source is unreachable");
  });

  it('rejects an invalid cron expression at start-up with a hint', () => {
    const schedulerWith = (schedule: Partial<Schedule>) => () =>
      createReportScheduler({
        schedules: [{ id: 'x', cron: '0 9 * * *', timezone: 'UTC', channel: 'C', ...schedule }],
        store: new MemoryStateStore(),
        messenger: recordingPoster([], 'a'),
        build: builder,
        clock: systemClock,
        cron: manualCron(() => 0).engine,
        instanceId: 'a',
      });
    expect(schedulerWith({ cron: 'bad' })).toThrow(/invalid cron expression 'bad'/);
    expect(schedulerWith({ timezone: 'Mars/Olympus' })).toThrow(/unknown time zone 'Mars\/Olympus'/);
  });
});
