import type { RunEngine } from '../../../bot/usecases/approvals/run-engine';
import type { View } from '../../../bot/views/view';
import { startApprovalExpiry } from '../../../bot/wiring/approval-expiry';
import { approvalFixture, quietLog } from '../../support/approval-fixture';

/** The engine's sweep every second (fake timers), its message edits recorded in `updates`. */
const sweepEverySecond = (runs: RunEngine, updates: Array<{ ts: string; view: View }>) =>
  startApprovalExpiry({
    runs,
    messenger: {
      post: async () => 'x',
      attach: async () => undefined,
      findMarked: async () => undefined,
      update: async (_c: string, ts: string, view: View) => void updates.push({ ts, view }),
    },
    log: quietLog,
    intervalMs: 1000,
  });

test('expired requests get their message edited: no buttons left, says expired', async () => {
  jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate'] });
  const { clock, approvals, engine, ask } = approvalFixture({ ttlMs: 60_000 });
  const request = await ask({ command: 'pause', summary: 'Pause all', mode: 'self' });
  await approvals.attachMessage(request.id, { channel: 'C1', ts: '100.1' });
  const updates: Array<{ ts: string; view: View }> = [];
  const expiry = sweepEverySecond(engine, updates);

  await jest.advanceTimersByTimeAsync(1000);
  expect(updates).toHaveLength(0); // not due yet
  clock.advance(61_000);
  await jest.advanceTimersByTimeAsync(1000);
  expiry.stop();
  jest.useRealTimers();

  expect(updates).toHaveLength(1);
  expect(updates[0]!.ts).toBe('100.1');
  expect(updates[0]!.view.text).toContain('Expired without a decision');
  expect(JSON.stringify(updates[0]!.view.blocks)).not.toContain('mm2_approval_approve');
  expect((await approvals.get(request.id))?.status).toBe('expired');
});

test('an approved run whose runner stopped beating is failed as interrupted; a beating one is left alone', async () => {
  jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate'] });
  const { clock, audit, approvals, engine, ask } = approvalFixture({
    engine: { interruptedAfterMs: 180_000 },
  });
  const approved = async (ts: string) => {
    const request = await ask({ correlationId: ts });
    await approvals.attachMessage(request.id, { channel: 'C1', ts });
    expect((await approvals.decide(request.id, 'U2BB', 'approve')).kind).toBe('execute');
    return request.id;
  };
  const dead = await approved('100.1');
  const alive = await approved('100.2');
  const updates: Array<{ ts: string; view: View }> = [];
  const sweeper = sweepEverySecond(engine, updates);

  clock.advance(120_000);
  await approvals.heartbeat(alive);
  await jest.advanceTimersByTimeAsync(1000);
  expect(updates).toHaveLength(0); // two minutes without a beat: not yet
  clock.advance(120_000); // the dead run: 4 minutes silent; the living one beat 2 minutes ago
  await jest.advanceTimersByTimeAsync(1000);
  sweeper.stop();
  jest.useRealTimers();

  expect(updates.map((u) => u.ts)).toEqual(['100.1']);
  expect(updates[0]!.view.text).toContain('failed');
  expect(JSON.stringify(updates[0]!.view.blocks)).toContain('Interrupted: the bot stopped while this ran');
  expect((await approvals.get(dead))?.status).toBe('failed');
  expect((await approvals.get(alive))?.status).toBe('approved');
  expect(audit.filter((r) => r.outcome === 'failed')).toHaveLength(1);
  // A runner presumed dead that was in fact alive records its own outcome, once (issue 15, defect 9);
  // a second completion leaves it alone.
  expect((await approvals.complete(dead, { ok: true, text: 'late' })).status).toBe('done');
  expect((await approvals.complete(dead, { ok: false, text: 'again' })).outcome).toBe('late');
});
