import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileStateStore } from '../../../bot/adapters/store/file-state-store';
import type { ApprovalGate } from '../../../bot/commands/dispatcher-deps';
import { createRedactor } from '../../../bot/domain/redactor';
import type { StateStore } from '../../../bot/ports/state-store';
import type { NewApproval } from '../../../bot/usecases/approvals/approval-types';
import { Approvals } from '../../../bot/usecases/approvals/approvals';
import { StoreAuditLog } from '../../../bot/usecases/audit/store-audit-log';
import { RoleResolver } from '../../../bot/usecases/roles/role-resolver';
import { FakeClock } from '../../support/fake-clock';
import { MemoryStateStore } from '../../support/memory-state-store';

const TTL = 15 * 60_000;
const bindings = { viewer: ['UVIEW'], operator: ['UOPS', 'UOPS2'], approver: ['UAPP1', 'UAPP2', 'UAPP3'] };

function setup(store: StateStore = new MemoryStateStore(), clock = new FakeClock()) {
  const roles = new RoleResolver({ bindings, clock, ttlMs: 60_000 });
  const audit = new StoreAuditLog({ store, clock, redactor: createRedactor() });
  const approvals = new Approvals({ store, clock, roles, audit, ttlMs: TTL });
  return { store, clock, audit, approvals };
}

const deploy = (over: Partial<NewApproval> = {}): NewApproval => ({
  command: 'deploy',
  args: ['all'],
  summary: 'Deploy mm2-source, mm2-checkpoint, mm2-heartbeat',
  requester: 'UOPS',
  channel: 'C1',
  mode: 'peer',
  correlationId: 'corr-1',
  ...over,
});

const kinds = (decisions: Array<{ kind: string }>) => decisions.map((d) => d.kind).sort();

// The dispatcher's narrow view of the primitive: Approvals must fit it.
export const fitsDispatcher = (a: Approvals): ApprovalGate => a;

describe('Approvals: exactly once', () => {
  test('two approvers click Approve at the same moment: one execute, one approval audited', async () => {
    const { approvals, audit } = setup();
    const request = await approvals.request(deploy());
    const decisions = await Promise.all([
      approvals.decide(request.id, 'UAPP1', 'approve'),
      approvals.decide(request.id, 'UAPP2', 'approve'),
    ]);
    expect(kinds(decisions)).toEqual(['already-decided', 'execute']);
    const approved = (await audit.recent(50)).filter((r) => r.outcome === 'approved');
    expect(approved).toHaveLength(1);
    expect(approved[0]!.user).toBe(decisions.find((d) => d.kind === 'execute')!.request.decidedBy);
  });

  test('a double click (and a burst of 10 clicks) executes once', async () => {
    const { approvals } = setup();
    const request = await approvals.request(deploy());
    const decisions = await Promise.all(
      Array.from({ length: 10 }, () => approvals.decide(request.id, 'UAPP1', 'approve')),
    );
    expect(decisions.filter((d) => d.kind === 'execute')).toHaveLength(1);
    expect(decisions.filter((d) => d.kind === 'already-decided')).toHaveLength(9);
    expect((await approvals.get(request.id))?.status).toBe('approved');
  });

  test('approvers on two bot instances (separate stores over one directory): one execute', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mm2-approvals-'));
    try {
      const clock = new FakeClock();
      const a = setup(new FileStateStore({ dir }), clock);
      const b = setup(new FileStateStore({ dir }), clock);
      for (let round = 0; round < 5; round++) {
        const request = await a.approvals.request(deploy({ correlationId: `corr-${round}` }));
        const decisions = await Promise.all([
          a.approvals.decide(request.id, 'UAPP1', 'approve'),
          b.approvals.decide(request.id, 'UAPP2', 'approve'),
          b.approvals.decide(request.id, 'UAPP3', 'approve'),
        ]);
        expect(decisions.filter((d) => d.kind === 'execute')).toHaveLength(1);
      }
      const approvedAudits = (await a.audit.recent(100)).filter((r) => r.outcome === 'approved');
      expect(approvedAudits).toHaveLength(5);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('approve and reject racing: exactly one wins', async () => {
    const { approvals } = setup();
    const request = await approvals.request(deploy());
    const decisions = await Promise.all([
      approvals.decide(request.id, 'UAPP1', 'approve'),
      approvals.decide(request.id, 'UAPP2', 'reject'),
    ]);
    expect(decisions.filter((d) => d.kind === 'execute' || d.kind === 'rejected')).toHaveLength(1);
  });

  test('a click racing with attachMessage still decides (the harmless write is retried)', async () => {
    const { approvals } = setup();
    const request = await approvals.request(deploy());
    const [, decision] = await Promise.all([
      approvals.attachMessage(request.id, { channel: 'C1', ts: '1.0001' }),
      approvals.decide(request.id, 'UAPP1', 'approve'),
    ]);
    expect(decision.kind).toBe('execute');
    expect(await approvals.get(request.id)).toMatchObject({ status: 'approved', message: { ts: '1.0001' } });
  });
});

describe('Approvals: who may decide', () => {
  test('the requester cannot approve their own peer request; the refusal is audited', async () => {
    const { approvals, audit } = setup();
    const request = await approvals.request(deploy({ requester: 'UAPP1' }));
    const decision = await approvals.decide(request.id, 'UAPP1', 'approve');
    expect(decision).toMatchObject({
      kind: 'refused',
      reason: expect.stringContaining('another person with the approver role'),
    });
    expect((await approvals.get(request.id))?.status).toBe('pending');
    expect((await audit.recent(1))[0]).toMatchObject({ outcome: 'refused', user: 'UAPP1' });
    expect((await approvals.decide(request.id, 'UAPP2', 'approve')).kind).toBe('execute');
  });

  test.each([
    ['UVIEW', 'you are a viewer'],
    ['UOPS2', 'you are an operator'],
    ['USTRANGER', 'you have no role here'],
  ])('%s cannot approve a peer request: the reason names the missing role', async (user, yours) => {
    const { approvals } = setup();
    const request = await approvals.request(deploy());
    const decision = await approvals.decide(request.id, user, 'approve');
    expect(decision.kind).toBe('refused');
    expect(decision.kind === 'refused' && decision.reason).toBe(
      `Approving needs the approver role; ${yours}.`,
    );
  });

  test('peer: an approver rejects, or the requester withdraws; others may not reject', async () => {
    const { approvals } = setup();
    const one = await approvals.request(deploy());
    expect((await approvals.decide(one.id, 'UVIEW', 'reject')).kind).toBe('refused');
    expect(await approvals.decide(one.id, 'UAPP1', 'reject')).toMatchObject({
      kind: 'rejected',
      request: { decidedBy: 'UAPP1' },
    });
    expect((await approvals.decide(one.id, 'UAPP2', 'approve')).kind).toBe('already-decided');
    const two = await approvals.request(deploy());
    expect((await approvals.decide(two.id, 'UOPS', 'reject')).kind).toBe('rejected');
  });

  test('self: only the requester confirms, and only while holding the role', async () => {
    const { approvals } = setup();
    const mine = await approvals.request(deploy({ mode: 'self' }));
    expect(await approvals.decide(mine.id, 'UAPP1', 'approve')).toMatchObject({
      kind: 'refused',
      reason: 'Only the requester (UOPS) can confirm or cancel this request.',
    });
    expect((await approvals.decide(mine.id, 'UOPS', 'approve')).kind).toBe('execute');
    const demoted = await approvals.request(deploy({ mode: 'self', requester: 'UVIEW' }));
    expect(await approvals.decide(demoted.id, 'UVIEW', 'approve')).toMatchObject({
      kind: 'refused',
      reason: 'Confirming /mm2 deploy needs the operator role; you are a viewer.',
    });
  });

  test('unknown or malformed ids are NOT_FOUND', async () => {
    const { approvals } = setup();
    await expect(approvals.decide('nope', 'UAPP1', 'approve')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(approvals.decide('../../etc/passwd', 'UAPP1', 'approve')).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });
});

describe('Approvals: expiry, completion, restart', () => {
  test('a click after expiry expires the request once, audited', async () => {
    const { approvals, audit, clock } = setup();
    const request = await approvals.request(deploy());
    clock.advance(TTL);
    expect((await approvals.decide(request.id, 'UAPP1', 'approve')).kind).toBe('expired');
    expect((await approvals.decide(request.id, 'UAPP2', 'approve')).kind).toBe('already-decided');
    expect((await audit.recent(10)).filter((r) => r.outcome === 'expired')).toHaveLength(1);
  });

  test('expireDue expires due requests once and leaves the others pending', async () => {
    const { approvals, clock } = setup();
    const old = await approvals.request(deploy());
    clock.advance(TTL / 2);
    const recent = await approvals.request(deploy());
    clock.advance(TTL / 2);
    expect((await approvals.expireDue()).map((r) => r.id)).toEqual([old.id]);
    expect(await approvals.expireDue()).toEqual([]);
    expect((await approvals.pending()).map((r) => r.id)).toEqual([recent.id]);
  });

  test('complete: approved -> done (idempotent) or failed; a pending request cannot complete', async () => {
    const { approvals } = setup();
    const ok = await approvals.request(deploy());
    await expect(approvals.complete(ok.id, { ok: true, text: 'x' })).rejects.toMatchObject({
      code: 'BAD_INPUT',
    });
    await approvals.decide(ok.id, 'UAPP1', 'approve');
    expect(await approvals.complete(ok.id, { ok: true, text: 'deployed 3' })).toMatchObject({
      status: 'done',
      outcome: 'deployed 3',
    });
    expect(await approvals.complete(ok.id, { ok: false, text: 'late' })).toMatchObject({
      status: 'done',
      outcome: 'deployed 3',
    });
    const bad = await approvals.request(deploy());
    await approvals.decide(bad.id, 'UAPP1', 'approve');
    expect((await approvals.complete(bad.id, { ok: false, text: 'CONNECT_UNREACHABLE' })).status).toBe(
      'failed',
    );
  });

  test('restart: a new instance over the same directory sees the pending request and approves it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mm2-approvals-restart-'));
    try {
      const clock = new FakeClock();
      const before = setup(new FileStateStore({ dir }), clock);
      const request = await before.approvals.request(deploy());
      await before.approvals.attachMessage(request.id, { channel: 'C1', ts: '17.42' });
      const after = setup(new FileStateStore({ dir }), clock);
      expect((await after.approvals.pending()).map((r) => r.id)).toEqual([request.id]);
      const decision = await after.approvals.decide(request.id, 'UAPP1', 'approve');
      expect(decision).toMatchObject({
        kind: 'execute',
        request: { message: { ts: '17.42' }, args: ['all'] },
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('an audit store failure does not strand an approved request', async () => {
    const store = new MemoryStateStore();
    const clock = new FakeClock();
    const errors: string[] = [];
    const log = {
      info: () => undefined,
      warn: () => undefined,
      error: (_f: object, m: string) => void errors.push(m),
      child: () => log,
    };
    const approvals = new Approvals({
      store,
      clock,
      roles: new RoleResolver({ bindings, clock, ttlMs: 1 }),
      audit: { append: () => Promise.reject(new Error('disk full')) },
      ttlMs: TTL,
      log,
    });
    const request = await approvals.request(deploy());
    expect((await approvals.decide(request.id, 'UAPP1', 'approve')).kind).toBe('execute');
    expect(errors).toEqual(['audit append failed for an approval decision']);
  });

  test('prune deletes old finished requests and keeps pending ones', async () => {
    const { approvals, clock, store } = setup();
    const done = await approvals.request(deploy());
    await approvals.decide(done.id, 'UAPP1', 'reject');
    const open = await approvals.request(deploy());
    clock.advance(8 * 86_400_000);
    expect(await approvals.prune(7 * 86_400_000)).toBe(1);
    expect(await store.list('approvals/')).toEqual([`approvals/${open.id}.json`]);
  });
});
