import { Approvals } from '../../../bot/usecases/approvals/approvals';
import { createRunEngine } from '../../../bot/usecases/approvals/run-engine';
import type { View } from '../../../bot/views/view';
import { startApprovalExpiry } from '../../../bot/wiring/approval-expiry';
import { FakeClock } from '../../support/fake-clock';
import { MemoryStateStore } from '../../support/memory-state-store';

const log = { info: () => undefined, warn: () => undefined, error: () => undefined, child: () => log };

/** The sweep every second (fake timers), its message edits recorded in `updates`. */
const sweepEverySecond = (approvals: Approvals, updates: Array<{ ts: string; view: View }>) =>
  startApprovalExpiry({
    runs: createRunEngine({
      approvals,
      audit: { append: async () => undefined },
      clock: { now: () => 0 },
      log,
      redact: (s) => s,
      interruptedAfterMs: 180_000,
    }),
    messenger: {
      post: async () => 'x',
      attach: async () => undefined,
      findInThread: async () => undefined,
      findMarked: async () => undefined,
      update: async (_c: string, ts: string, view: View) => void updates.push({ ts, view }),
    },
    log,
    intervalMs: 1000,
  });

test('expired requests get their message edited: no buttons left, says expired', async () => {
  jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate'] });
  const clock = new FakeClock();
  const audit = {
    records: [] as string[],
    append: async (r: { outcome: string }) => void audit.records.push(r.outcome),
  };
  const approvals = new Approvals({
    store: new MemoryStateStore(),
    clock,
    roles: { highestRole: async () => 'approver' },
    audit,
    ttlMs: 60_000,
  });
  const request = await approvals.request({
    command: 'pause',
    args: ['all'],
    summary: 'Pause all',
    requester: 'U1AA',
    channel: 'C1',
    mode: 'self',
    correlationId: 'c1',
  });
  await approvals.attachMessage(request.id, { channel: 'C1', ts: '100.1' });
  const updates: Array<{ ts: string; view: View }> = [];
  const expiry = sweepEverySecond(approvals, updates);

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
  const clock = new FakeClock();
  const outcomes: string[] = [];
  const approvals = new Approvals({
    store: new MemoryStateStore(),
    clock,
    roles: { highestRole: async () => 'approver' },
    audit: { append: async (r: { outcome: string }) => void outcomes.push(r.outcome) },
    ttlMs: 600_000,
  });
  const approved = async (ts: string) => {
    const request = await approvals.request({
      command: 'deploy',
      args: ['all'],
      summary: 'Deploy all',
      requester: 'U1AA',
      channel: 'C1',
      mode: 'peer',
      correlationId: ts,
    });
    await approvals.attachMessage(request.id, { channel: 'C1', ts });
    expect((await approvals.decide(request.id, 'U2BB', 'approve')).kind).toBe('execute');
    return request.id;
  };
  const dead = await approved('100.1');
  const alive = await approved('100.2');
  const updates: Array<{ ts: string; view: View }> = [];
  const sweeper = sweepEverySecond(approvals, updates);

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
  expect(outcomes.filter((o) => o === 'failed')).toHaveLength(1);
  // A runner presumed dead that was in fact alive records its own outcome, once (issue 15, defect 9);
  // a second completion leaves it alone.
  expect((await approvals.complete(dead, { ok: true, text: 'late' })).status).toBe('done');
  expect((await approvals.complete(dead, { ok: false, text: 'again' })).outcome).toBe('late');
});
