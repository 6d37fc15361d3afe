// Issue 15, defect 4: finished approval records are pruned on a retention setting, by the minute sweep.
import { approvalFixture } from '../../support/approval-fixture';
const DAY = 86_400_000;

test('the sweep deletes finished requests past the retention, open ones stay', async () => {
  const {
    clock,
    store,
    approvals,
    engine,
    ask: askFor,
  } = approvalFixture({
    ttlMs: 3 * DAY,
    engine: {
      interruptedAfterMs: 100 * DAY, // not what this test is about
      retentionMs: 30 * DAY,
    },
  });
  const ask = () => askFor({ command: 'pause', summary: 'Pause all', correlationId: 'c' });
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
