import { CutoverStore } from '../../../bot/usecases/cutover/cutover-store';
import type { StepState } from '../../../bot/usecases/cutover/cutover-types';
import type { StepOutcome } from '../../../bot/usecases/cutover/engine';
import type { GateResult } from '../../../bot/usecases/cutover/gates/gate-types';
import type { StepExecutor } from '../../../bot/usecases/cutover/step-executor';
import { FakeClock } from '../../support/fake-clock';
import { MemoryStateStore } from '../../support/memory-state-store';
import { cutoverEngineFixture } from '../../support/cutover-engine-fixture';

const RUNBOOK = `
name: default
applications:
  - { name: app, kind: consumer, groups: [g], run: { ecs: { cluster: c, service: app, container: app } } }
  - { name: prod, kind: producer, topics: [t], run: { ecs: { cluster: c, service: prod, container: app } } }
steps:
  - { id: preflight, title: Preflight, kind: check, gates: [connectors-running] }
  - { id: stop, title: 'Stop {app}', kind: ecs, forEach: consumer, action: stop, approval: requester, gates: [], verify: [group-empty-source], rollback: previous-count }
  - { id: start, title: 'Start {app}', kind: ecs, forEach: consumer, action: start-on-target, approval: peer, gates: [group-empty-source], rollback: previous-revision }
  - { id: move-producers, title: 'Move {app}', kind: ecs, forEach: producer, action: start-on-target, approval: peer, pointOfNoReturn: true, gates: [lag-zero] }
`;

/** Counts the actions: the world the engine acts on, with each action idempotent like the real one. */
class CountingExecutor implements StepExecutor {
  readonly calls: string[] = [];
  readonly rollbacks: string[] = [];
  readonly applied = new Set<string>();
  async act(step: StepState): Promise<string> {
    if (step.kind === 'check' || this.applied.has(step.key)) return 'nothing to do';
    this.calls.push(step.key);
    this.applied.add(step.key);
    return `did ${step.key}`;
  }
  async rollback(step: StepState): Promise<string> {
    this.rollbacks.push(step.key);
    this.applied.delete(step.key);
    return `undid ${step.key}`;
  }
}

function setup() {
  const clock = new FakeClock();
  const raw = new MemoryStateStore();
  const store = new CutoverStore(raw);
  const executor = new CountingExecutor();
  const red = new Set<string>();
  const evaluated: string[] = [];
  const approvals = new Map<
    string,
    { status: string; decidedBy?: string; requester: string; mode: string }
  >();
  let n = 0;
  const { engine, cutovers } = cutoverEngineFixture({
    store,
    clock,
    runbook: RUNBOOK,
    executor,
    evaluate: async (gates) => {
      evaluated.push(...gates);
      return gates.map((gate): GateResult => ({
        gate,
        status: red.has(gate) ? 'fail' : 'pass',
        summary: gate,
        details: [],
        numbers: {},
        at: clock.now(),
      }));
    },
    approvals: {
      request: async ({ requester, mode }) => {
        const id = `a${++n}`;
        approvals.set(id, { status: 'pending', requester, mode });
        return { id };
      },
      status: async (id) => approvals.get(id),
    },
  });
  const outcomes: StepOutcome[] = [];
  const listen = async (_c: unknown, o: StepOutcome) => void outcomes.push(o);
  const approve = (id: string, by: string) =>
    approvals.set(id, { ...approvals.get(id)!, status: 'approved', decidedBy: by });
  return {
    clock,
    raw,
    store,
    executor,
    red,
    evaluated,
    approvals,
    engine,
    cutovers,
    outcomes,
    listen,
    approve,
  };
}

describe('cutover engine', () => {
  it('runs checks by itself, stops at each approval, and an approved step runs once however often it is triggered', async () => {
    const t = setup();
    const c = await t.cutovers.start({ user: 'U0OP', channel: 'C1' });
    const first = await t.engine.advance(c.id, 'U0OP', 'x', t.listen);
    expect(t.outcomes.map((o) => o.kind)).toEqual(['done', 'approval-requested']);
    expect(first.kind).toBe('approval-requested');
    const stopApproval = (first as { approvalId: string }).approvalId;
    expect(t.approvals.get(stopApproval)?.mode).toBe('self');
    t.approve(stopApproval, 'U0OP');
    // A double click or two replicas: both runners try; one acts.
    await Promise.all([
      t.engine.runApproved(c.id, 'stop.app', 'U0OP', 'x', t.listen),
      t.engine.runApproved(c.id, 'stop.app', 'U0OP', 'x', t.listen),
    ]);
    expect(t.executor.calls).toEqual(['stop.app']);
    const peer = t.outcomes.find((o) => o.kind === 'approval-requested' && o.step.key === 'start.app') as {
      approvalId: string;
    };
    expect(t.approvals.get(peer.approvalId)?.mode).toBe('peer');
    // A second `next` while waiting asks nothing new.
    expect((await t.engine.advance(c.id, 'U0OP', 'x', t.listen)).kind).toBe('awaiting-approval');
    expect([...t.approvals.keys()]).toHaveLength(2);
  });

  it('refuses to run a step whose approval is not granted', async () => {
    const t = setup();
    const c = await t.cutovers.start({ user: 'U0OP', channel: 'C1' });
    await t.engine.advance(c.id, 'U0OP', 'x', t.listen);
    await expect(t.engine.runApproved(c.id, 'stop.app', 'U0OP', 'x', t.listen)).rejects.toThrow(
      /only through its approval request, which is pending/,
    );
    expect(t.executor.calls).toEqual([]);
  });

  it('blocks on a red gate, keeps the step pending, and resumes there', async () => {
    const t = setup();
    t.red.add('connectors-running');
    const c = await t.cutovers.start({ user: 'U0OP', channel: 'C1' });
    const blocked = await t.engine.advance(c.id, 'U0OP', 'x', t.listen);
    expect(blocked.kind).toBe('blocked');
    expect((await t.store.get(c.id))?.steps[0]?.status).toBe('pending');
    t.red.clear();
    expect((await t.engine.advance(c.id, 'U0OP', 'x', t.listen)).kind).toBe('approval-requested');
  });

  it('after a crash mid-step, re-checks the gates and never repeats an action that took effect', async () => {
    const t = setup();
    const c = await t.cutovers.start({ user: 'U0OP', channel: 'C1' });
    const asked = (await t.engine.advance(c.id, 'U0OP', 'x', t.listen)) as { approvalId: string };
    t.approve(asked.approvalId, 'U0OP');
    // The process died right after the ECS call: the step is saved acting, with its call recorded.
    t.executor.applied.add('stop.app');
    await t.store.update(c.id, (x) => {
      const s = x.steps[1]!;
      s.status = 'acting';
      s.beatAt = new Date(t.clock.now()).toISOString();
      s.memo.calls = ['ecs update app desiredCount=0'];
      return x;
    });
    expect((await t.engine.advance(c.id, 'U0OP', 'x', t.listen)).kind).toBe('running');
    t.clock.advance(61_000);
    t.evaluated.length = 0;
    const resumed = await t.engine.advance(c.id, 'U0OP', 'x', t.listen);
    expect(t.executor.calls).toEqual([]); // the idempotent action saw it done
    expect(t.evaluated).toContain('group-empty-source'); // verified again
    expect(resumed.kind).toBe('approval-requested');
  });

  it('aborts before the point of no return (undoing newest first), refuses after it, one cutover per profile', async () => {
    const t = setup();
    const c = await t.cutovers.start({ user: 'U0OP', channel: 'C1' });
    await expect(t.cutovers.start({ user: 'U0OP', channel: 'C1' })).rejects.toThrow(/already running/);
    const a1 = (await t.engine.advance(c.id, 'U0OP', 'x', t.listen)) as { approvalId: string };
    t.approve(a1.approvalId, 'U0OP');
    const a2 = (await t.engine.runApproved(c.id, 'stop.app', 'U0OP', 'x', t.listen)) as {
      approvalId: string;
    };
    t.approve(a2.approvalId, 'U0AP');
    await t.engine.runApproved(c.id, 'start.app', 'U0OP', 'x', t.listen);
    const aborted = await t.engine.abort(c.id, 'U0OP');
    expect(t.executor.rollbacks).toEqual(['start.app', 'stop.app']);
    expect(aborted.status).toBe('aborted');
    expect(aborted.abortNotes?.join('\n')).toMatch(
      /app: back on the source by ECS \(app\); its groups \(g\) resume from their committed source offsets/,
    );

    const d = await t.cutovers.start({ user: 'U0OP', channel: 'C1' });
    await t.store.update(d.id, (x) => {
      x.steps[3]!.status = 'acted';
      return x;
    });
    await expect(t.engine.abort(d.id, 'U0OP')).rejects.toThrow(/point of no return/);
  });
});
