// A report's CSV and chart belong to its slot: the slot is recorded as posted only once they are out, a
// stop waits for them, a tick after stop starts nothing, a failed upload is said in the report's thread
// (never as a second marked post), and a taken-over slot whose message is out gets no rebuilt files.
import type { ChannelMessenger, MessageMark } from '../../../bot/ports/channel-messenger';
import type { CronEngine, Schedule } from '../../../bot/ports/reports';
import { createReportScheduler } from '../../../bot/usecases/reports/report-scheduler';
import type { FileAttachment, View } from '../../../bot/views/view';
import { FakeClock } from '../../support/fake-clock';
import { MemoryStateStore } from '../../support/memory-state-store';

const daily: Schedule = { id: 'daily', cron: '0 9 * * *', timezone: 'UTC', channel: 'C-ops' };
const csv: FileAttachment = { filename: 'lag.csv', title: 'lag', content: 'topic,partition\n' };
const chart: FileAttachment = { filename: 'lag.png', title: 'chart', content: 'png' };

interface Event {
  what: string;
  threadTs?: string;
  mark?: MessageMark;
}

/** The channel; `upload` decides when (and whether) each attachment upload finishes. */
function channel(upload: (file: FileAttachment) => Promise<void> = async () => undefined) {
  const events: Event[] = [];
  const messenger: ChannelMessenger = {
    post: async (_c, view: View, threadTs, mark) => {
      events.push({
        what: `post:${view.text}`,
        ...(threadTs ? { threadTs } : {}),
        ...(mark ? { mark } : {}),
      });
      return `${events.length}.0`;
    },
    findInThread: async () => undefined,
    findMarked: async (_c, mark) =>
      events.some((e) => JSON.stringify(e.mark) === JSON.stringify(mark)) ? 'found' : undefined,
    update: async () => undefined,
    attach: async (_c, file) => {
      await upload(file);
      events.push({ what: `file:${file.filename}` });
    },
  };
  return { messenger, events };
}

const manualCron = () => {
  const ticks: Array<(slot: Date) => void> = [];
  const engine: CronEngine = {
    validate: () => true,
    schedule: (_e, _tz, onTick) => {
      ticks.push(onTick);
      return { stop: () => undefined };
    },
    next: () => new Date(Date.UTC(2030, 0, 1)),
  };
  return { engine, fire: (slot: number) => ticks.forEach((t) => t(new Date(slot))) };
};

const setup = (messenger: ChannelMessenger, store = new MemoryStateStore(), clock = new FakeClock()) => {
  const cron = manualCron();
  const scheduler = createReportScheduler({
    schedules: [daily],
    store,
    messenger,
    build: async (t) => ({ view: { text: `report ${t.kind}`, blocks: [] }, csv, chart }),
    clock,
    cron: cron.engine,
    instanceId: 'a',
  });
  return { scheduler, cron, store, clock };
};

const lease = async (store: MemoryStateStore, slot: number) =>
  (await store.get<{ posted?: boolean }>(`reports/leases/daily/${slot}.json`))?.value;

const tick = () => new Promise((resolve) => setImmediate(resolve));

test('the slot is recorded as posted only after its CSV and chart are uploaded, and stop waits for them', async () => {
  let release: () => void = () => undefined;
  const slow = new Promise<void>((resolve) => (release = resolve));
  const ch = channel((f) => (f === chart ? slow : Promise.resolve()));
  const { scheduler, cron, store, clock } = setup(ch.messenger);
  await scheduler.start();
  const slot = clock.now();
  cron.fire(slot);
  for (let i = 0; i < 20; i++) await tick();
  expect(ch.events.map((e) => e.what)).toEqual(['post:report scheduled', 'file:lag.csv']);
  expect((await lease(store, slot))?.posted).toBe(false);

  let stopped = false;
  const stopping = scheduler.stop().then(() => (stopped = true));
  for (let i = 0; i < 20; i++) await tick();
  expect(stopped).toBe(false);
  release();
  await stopping;
  expect(ch.events.map((e) => e.what)).toEqual(['post:report scheduled', 'file:lag.csv', 'file:lag.png']);
  expect((await lease(store, slot))?.posted).toBe(true);
});

test('a tick delivered after stop starts no slot', async () => {
  const ch = channel();
  const { scheduler, cron, store, clock } = setup(ch.messenger);
  await scheduler.start();
  await scheduler.stop();
  cron.fire(clock.now());
  for (let i = 0; i < 20; i++) await tick();
  expect(ch.events).toEqual([]);
  expect(await store.list('reports/leases/daily/')).toEqual([]);
});

test('a failed upload is said in the report thread; the slot keeps one marked post', async () => {
  const ch = channel(async (f) => {
    if (f === csv) throw new Error('Slack refused the file upload: file_upload_size_mismatch');
  });
  const { scheduler, clock } = setup(ch.messenger);
  expect(await scheduler.runSlot(daily, clock.now(), 'scheduled')).toBe(true);
  expect(ch.events.map((e) => [e.what, e.threadTs ?? null])).toEqual([
    ['post:report scheduled', null],
    [
      "post:Scheduled lag report 'daily' failed: lag.csv not attached: Slack refused the file upload: file_upload_size_mismatch",
      '1.0',
    ],
    ['file:lag.png', null],
  ]);
  expect(ch.events.filter((e) => e.mark)).toHaveLength(1);
});

test('a taken-over slot whose message is out gets no rebuilt attachments; one whose message is not, gets all', async () => {
  const store = new MemoryStateStore();
  const clock = new FakeClock();
  const messageOut = clock.now();
  const nothingOut = messageOut + 1000;
  // Runner 'z' died after posting the first slot's message, and before posting the second slot's.
  for (const slot of [messageOut, nothingOut])
    await store.put(
      `reports/leases/daily/${slot}.json`,
      { by: 'z', at: clock.now(), kind: 'scheduled', posted: false },
      'absent',
    );
  const ch = channel();
  ch.events.push({
    what: 'post:report scheduled',
    mark: { type: 'mm2_report', fields: { schedule: 'daily', slot: messageOut } },
  });
  clock.advance(10 * 60_000);
  const { scheduler } = setup(ch.messenger, store, clock);
  await scheduler.start();
  await scheduler.stop();
  expect(ch.events.map((e) => e.what)).toEqual([
    'post:report scheduled',
    'post:report missed',
    'file:lag.csv',
    'file:lag.png',
  ]);
  expect((await lease(store, messageOut))?.posted).toBe(true);
  expect((await lease(store, nothingOut))?.posted).toBe(true);
});
