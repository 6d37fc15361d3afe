import { Approvals } from '../../../bot/usecases/approvals/approvals';
import type { View } from '../../../bot/commands/command';
import { startApprovalExpiry } from '../../../bot/wiring/approval-expiry';
import { FakeClock } from '../../support/fake-clock';
import { MemoryStateStore } from '../../support/memory-state-store';

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
  const messenger = {
    post: async () => 'x',
    attach: async () => undefined,
    update: async (_c: string, ts: string, view: View) => void updates.push({ ts, view }),
  };
  const log = { info: () => undefined, warn: () => undefined, error: () => undefined, child: () => log };
  const expiry = startApprovalExpiry({ approvals, messenger, log, intervalMs: 1000 });

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
