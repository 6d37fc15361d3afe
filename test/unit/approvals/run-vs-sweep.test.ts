import { isAppError } from '../../../bot/domain/errors';
import type { RunGuard } from '../../../bot/usecases/approvals/run-engine';
import { approvalFixture } from '../../support/approval-fixture';

/** A promise the test resolves by hand: the work waits on it while the test sweeps. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

/** Engine over the real Approvals and the in-memory store; beats only on start (1 h interval). */
const setUp = () => approvalFixture({ engine: { heartbeatMs: 3_600_000, interruptedAfterMs: 180_000 } });

describe('a run and the interrupted-run sweep (issue 15, defect 9)', () => {
  it('stamps the heartbeat before the work does anything', async () => {
    const { clock, approvals, engine, approved } = setUp();
    const request = await approved();
    clock.advance(5_000);
    let seen: string | undefined;
    await engine.run(request, async () => {
      seen = (await approvals.get(request.id))?.heartbeatAt;
      return { value: 1, text: 'ok' };
    });
    expect(seen).toBe(new Date(clock.now()).toISOString());
  });

  it('a run declared interrupted while it still ran ends with one outcome: its own, in store, audit and return', async () => {
    const { clock, audit, approvals, engine, approved } = setUp();
    const request = await approved();
    const waiting = gate();
    const started = gate();
    const running = engine.run(request, async () => {
      started.open();
      await waiting.opened;
      return { value: 'v', text: 'deployed a, b' };
    });
    await started.opened;
    clock.advance(181_000); // no beat meanwhile (a stalled store, a blocked loop): the sweep calls it dead
    const swept = await engine.sweep();
    expect(swept.map((r) => r.id)).toEqual([request.id]);
    waiting.open();
    const result = await running;

    const stored = await approvals.get(request.id);
    expect(result).toMatchObject({ ok: true, status: 'done' });
    expect(stored?.status).toBe('done');
    expect(stored?.outcome).toContain('deployed a, b');
    expect(audit.at(-1)).toMatchObject({ outcome: 'ok' });
    // The sweep's message edit must not undo what the run showed: the engine reports the stored truth.
    expect((await engine.current(request.id))?.status).toBe('done');
  });

  it('after the sweep declared it interrupted, the run makes no further side effect and says so', async () => {
    const { clock, audit, approvals, engine, approved } = setUp();
    const request = await approved();
    const waiting = gate();
    const started = gate();
    const effects: string[] = [];
    const running = engine.run(request, async (guard: RunGuard) => {
      await guard.checkpoint();
      effects.push('a');
      started.open();
      await waiting.opened;
      await guard.checkpoint();
      effects.push('b');
      return { value: 'v', text: 'deployed a, b' };
    });
    await started.opened;
    clock.advance(181_000);
    await engine.sweep();
    waiting.open();
    const result = await running;

    expect(effects).toEqual(['a']);
    expect(result.ok).toBe(false);
    const error = result.ok ? undefined : result.error;
    expect(isAppError(error, 'STATE_CONFLICT')).toBe(true);
    expect((error as Error).message).toMatch(/interrupted/i);
    const stored = await approvals.get(request.id);
    expect(stored?.status).toBe('failed');
    expect(result.status).toBe(stored?.status);
    expect(audit.at(-1)).toMatchObject({ outcome: 'error' });
  });

  it('a request the sweep already ended is not run at all', async () => {
    const { clock, engine, approved } = setUp();
    const request = await approved();
    clock.advance(181_000);
    await engine.sweep();
    let ran = false;
    const result = await engine.run(request, async () => {
      ran = true;
      return { value: 1, text: 'late' };
    });
    expect(ran).toBe(false);
    expect(result.status).toBe('failed');
  });
});
