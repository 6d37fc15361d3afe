// Issue 15 items 4 and 11: the approval sweep never overlaps itself, and stop() waits for the sweep in flight.
import type { View } from '../../../bot/views/view';
import type { RunEngine } from '../../../bot/usecases/approvals/run-engine';
import { startApprovalExpiry } from '../../../bot/wiring/approval-expiry';

const log = { info: () => undefined, warn: () => undefined, error: () => undefined, child: () => log };

test('a sweep slower than the interval is not started again while it runs; stop() waits for it', async () => {
  jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate'] });
  let started = 0;
  let release!: () => void;
  const runs: Pick<RunEngine, 'sweep' | 'current'> = {
    current: async () => undefined,
    sweep: async () => {
      started++;
      await new Promise<void>((r) => (release = r));
      return [];
    },
  };
  const expiry = startApprovalExpiry({
    runs,
    messenger: {
      post: async () => 'x',
      attach: async () => undefined,
      findInThread: async () => undefined,
      findMarked: async () => undefined,
      update: async (_c: string, _ts: string, _v: View) => undefined,
    },
    log,
    intervalMs: 1000,
  });
  await jest.advanceTimersByTimeAsync(5500);
  expect(started).toBe(1);
  let stopped = false;
  const stopping = Promise.resolve(expiry.stop()).then(() => (stopped = true));
  await jest.advanceTimersByTimeAsync(10);
  expect(stopped).toBe(false);
  release();
  await stopping;
  jest.useRealTimers();
  expect(started).toBe(1);
});
