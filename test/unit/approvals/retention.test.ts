// Issue 15, defect 4: finished approval records are pruned on a retention setting, by the minute sweep.
import { Approvals } from '../../../bot/usecases/approvals/approvals';
import { createRunEngine } from '../../../bot/usecases/approvals/run-engine';
import { FakeClock } from '../../support/fake-clock';
import { MemoryStateStore } from '../../support/memory-state-store';

const log = { info: () => undefined, warn: () => undefined, error: () => undefined, child: () => log };
const DAY = 86_400_000;

test('the sweep deletes finished requests past the retention, open ones stay', async () => {
  const clock = new FakeClock();
  const store = new MemoryStateStore();
  const approvals = new Approvals({
    store,
    clock,
    roles: { highestRole: async () => 'approver' },
    audit: { append: async () => undefined },
    ttlMs: 3 * DAY,
  });
  const engine = createRunEngine({
    approvals,
    audit: { append: async () => undefined },
    clock,
    log,
    redact: (s) => s,
    interruptedAfterMs: 100 * DAY, // not what this test is about
    retentionMs: 30 * DAY,
  });
  const ask = () =>
    approvals.request({
      command: 'pause',
      args: ['all'],
      summary: 'Pause all',
      requester: 'U1AA',
      channel: 'C1',
      mode: 'peer',
      correlationId: 'c',
    });
  const rejected = await ask();
  await approvals.decide(rejected.id, 'U2BB', 'reject');
  const done = await ask();
  await approvals.decide(done.id, 'U2BB', 'approve');
  await engine.run(done, async () => ({ value: 1, text: 'ok' }));
  const running = await ask();
  await approvals.decide(running.id, 'U2BB', 'approve');
  const keys = async () => (await store.list('approvals/')).length;

  clock.advance(2 * DAY);
  const pending = await ask();
  await engine.sweep();
  expect(await keys()).toBe(4); // nothing is old enough

  clock.advance(29 * DAY);
  await engine.sweep();
  const left = (await store.list('approvals/')).sort();
  expect(left).toEqual([`approvals/${running.id}.json`, `approvals/${pending.id}.json`].sort());
  expect((await approvals.get(pending.id))?.status).toBe('expired');
});
