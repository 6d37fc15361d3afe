import { AppError } from '../../../bot/domain/errors';
import type { RunEngineDeps } from '../../../bot/usecases/approvals/run-engine';
import { approvalFixture } from '../../support/approval-fixture';
import { FakeClock } from '../../support/fake-clock';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** An engine over the real Approvals use case and the in-memory store; audit outcomes recorded. */
function setUp(options: Partial<RunEngineDeps> = {}, clock: { now(): number } = new FakeClock()) {
  const finished: string[] = [];
  const fixture = approvalFixture({
    clock,
    engine: {
      metrics: { commandFinished: (command, outcome) => void finished.push(`${command}:${outcome}`) },
      redact: (s) => s.replace(/hunter2/g, '***'),
      ...options,
    },
  });
  return { ...fixture, finished };
}

describe('run engine', () => {
  it('of two concurrent approvals exactly one gets execute', async () => {
    const { engine, ask } = setUp();
    const request = await ask({ command: 'pause', summary: 'Pause all', correlationId: 'c2' });
    const kinds = (
      await Promise.all([
        engine.decide(request.id, 'U2BB', 'approve'),
        engine.decide(request.id, 'U3CC', 'approve'),
      ])
    ).map((d) => d.kind);
    expect(kinds.sort()).toEqual(['already-decided', 'execute']);
  });

  it('beats while the work runs, stops when it ends, and stores done with the redacted text', async () => {
    const { approvals, engine, audit, finished, approved } = setUp(
      { heartbeatMs: 40 },
      { now: () => Date.now() },
    );
    const request = await approved();
    const beats: string[] = [];
    const beat = approvals.heartbeat.bind(approvals);
    approvals.heartbeat = async (id) => {
      beats.push(id);
      return beat(id);
    };
    const result = await engine.run(request, async () => {
      await sleep(400);
      return { value: 42, text: 'deployed with hunter2', detail: 'applied 2 connectors' };
    });
    const during = beats.length;
    expect(during).toBeGreaterThanOrEqual(3);
    expect(result).toEqual({ ok: true, status: 'done', value: 42 });
    const stored = await approvals.get(request.id);
    expect(stored?.status).toBe('done');
    expect(stored?.outcome).toBe('deployed with ***');
    expect(stored?.heartbeatAt).toBeDefined();
    expect(audit.at(-1)).toMatchObject({ user: 'U1AA', outcome: 'ok', detail: 'applied 2 connectors' });
    expect(finished).toEqual(['deploy:ok']);
    await sleep(150);
    expect(beats).toHaveLength(during);
  });

  it('a failing run is stored failed with its error code, returned (not thrown) and audited', async () => {
    const { approvals, engine, audit, finished, approved } = setUp();
    const request = await approved();
    const error = new AppError('CONNECT_REJECTED', 'Connect said no to hunter2');
    const result = await engine.run(request, async () => {
      throw error;
    });
    expect(result).toEqual({ ok: false, status: 'failed', error });
    expect((await approvals.get(request.id))?.outcome).toBe('CONNECT_REJECTED: Connect said no to ***');
    expect(audit.at(-1)).toMatchObject({
      outcome: 'error',
      detail: 'CONNECT_REJECTED: Connect said no to ***',
    });
    expect(finished).toEqual(['deploy:error']);
  });

  it('a crash that is not an AppError is stored as INTERNAL, without its message', async () => {
    const { approvals, engine, approved } = setUp();
    const request = await approved();
    const result = await engine.run(request, async () => {
      throw new Error('stack details');
    });
    expect(result.ok).toBe(false);
    expect((await approvals.get(request.id))?.outcome).toBe('INTERNAL');
  });

  it('sweep expires due requests and fails silent runs as interrupted, once; a beating run is left alone', async () => {
    const clock = new FakeClock();
    const { approvals, engine, ask, approved } = setUp({ interruptedAfterMs: 180_000 }, clock);
    const pending = await ask({ command: 'pause', summary: 'Pause all', mode: 'self', correlationId: 'c3' });
    const dead = await approved();
    const alive = await approved();
    clock.advance(120_000);
    await approvals.heartbeat(alive.id);
    expect(await engine.sweep()).toEqual([]);
    clock.advance(600_000 - 120_000 + 1);
    await approvals.heartbeat(alive.id);
    const ended = await engine.sweep();
    expect(ended.map((r) => [r.id, r.status]).sort()).toEqual(
      [
        [pending.id, 'expired'],
        [dead.id, 'failed'],
      ].sort(),
    );
    expect(await engine.sweep()).toEqual([]);
    expect((await approvals.get(alive.id))?.status).toBe('approved');
    // The runner presumed dead cannot finish it twice.
    const late = await engine.run(dead, async () => ({ value: 1, text: 'late' }));
    expect(late.status).toBe('failed');
  });
});
