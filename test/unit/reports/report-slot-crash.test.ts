// Issue 15 (post, then record the post): a report slot whose runner died between taking the slot and
// recording its post is finished at the next start: posted if the channel lacks it, never twice.
import type { ChannelMessenger, MessageMark } from '../../../bot/ports/channel-messenger';
import type { CronEngine, Schedule } from '../../../bot/ports/reports';
import { createReportScheduler } from '../../../bot/usecases/reports/report-scheduler';
import type { View } from '../../../bot/views/view';
import { FakeClock } from '../../support/fake-clock';
import { MemoryStateStore } from '../../support/memory-state-store';

const daily: Schedule = { id: 'daily', cron: '0 9 * * *', timezone: 'UTC', channel: 'C-ops' };
const never = new Promise<never>(() => undefined);

/** The channel: posts with their marks. `dieOnPost` kills the runner during chat.postMessage. */
function channel(dieOnPost: 'before-slack-has-it' | 'after-slack-has-it' | undefined) {
  const posts: Array<{ text: string; mark?: MessageMark }> = [];
  const messenger: ChannelMessenger = {
    post: async (_c, view: View, _t, mark) => {
      if (dieOnPost === 'before-slack-has-it') return never;
      posts.push({ text: view.text, ...(mark ? { mark } : {}) });
      if (dieOnPost === 'after-slack-has-it') return never;
      return `${posts.length}.0`;
    },
    findInThread: async () => undefined,
    findMarked: async (_c, mark) =>
      posts.some((p) => JSON.stringify(p.mark) === JSON.stringify(mark)) ? 'found' : undefined,
    update: async () => undefined,
    attach: async () => undefined,
  };
  return { messenger, posts };
}

const cron = (next: number): CronEngine => ({
  validate: () => true,
  schedule: () => ({ stop: () => undefined }),
  next: () => new Date(next),
});

async function crashThenRestart(when: 'before-slack-has-it' | 'after-slack-has-it') {
  const clock = new FakeClock();
  const store = new MemoryStateStore();
  const slot = clock.now();
  const make = (id: string, ch: ReturnType<typeof channel>) =>
    createReportScheduler({
      schedules: [daily],
      store,
      messenger: ch.messenger,
      build: async (t) => ({ view: { text: `report ${t.kind}`, blocks: [] } }),
      clock,
      cron: cron(slot + 86_400_000),
      instanceId: id,
    });
  const dying = channel(when);
  void make('a', dying).runSlot(daily, slot, 'scheduled'); // never finishes: the process is killed
  await new Promise((resolve) => setImmediate(resolve));

  clock.advance(10 * 60_000);
  const restarted = channel(undefined);
  restarted.posts.push(...dying.posts); // the same Slack channel
  await make('b', restarted).start();
  return restarted.posts;
}

test('killed before Slack had the report: the restarted bot posts it, once', async () => {
  const posts = await crashThenRestart('before-slack-has-it');
  expect(posts.map((p) => p.text)).toEqual(['report missed']);
});

test('killed after Slack had the report, before recording it: the restarted bot finds it and posts nothing', async () => {
  const posts = await crashThenRestart('after-slack-has-it');
  expect(posts.map((p) => p.text)).toEqual(['report scheduled']);
});
