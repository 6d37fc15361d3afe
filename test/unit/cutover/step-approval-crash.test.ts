// Post, then record the post, for a cutover step's approval request: it is a reply in the cutover's
// thread. If the bot dies between posting it and recording its ts, the expiry sweep must still find
// that reply (in the thread, by its mark) and edit it, so no live-looking buttons stay.
import { createCutoverCommand, type CutoverArgs } from '../../../bot/commands/cutover';
import type { CommandContext } from '../../../bot/commands/command';
import { CutoverStore } from '../../../bot/usecases/cutover/cutover-store';
import type { GateResult } from '../../../bot/usecases/cutover/gates/gate-types';
import { startApprovalExpiry } from '../../../bot/wiring/approval-expiry';
import { cutoverStepApprovals } from '../../../bot/wiring/cutover-step-approvals';
import { approvalFixture, quietLog } from '../../support/approval-fixture';
import { cutoverEngineFixture } from '../../support/cutover-engine-fixture';
import { recordingMessenger } from '../../support/recording-messenger';

const RUNBOOK = `
name: default
applications:
  - { name: app, kind: consumer, groups: [g], run: { ecs: { cluster: c, service: app, container: app } } }
steps:
  - { id: stop, title: 'Stop {app}', kind: ecs, forEach: consumer, action: stop, approval: peer, gates: [], rollback: previous-count }
  - { id: start, title: 'Start {app}', kind: ecs, forEach: consumer, action: start-on-target, approval: peer, gates: [], rollback: previous-revision }
`;

/**
 * The cutover command over the real approvals (in-memory store), an engine whose gates pass and whose
 * actions succeed, and the recording messenger. `recordsBeforeDeath`: how many approval messages get
 * recorded before the process dies recording the next one.
 */
function rig(recordsBeforeDeath: number) {
  const fixture = approvalFixture({ ttlMs: 60_000 });
  const { clock, store, approvals } = fixture;
  const { engine, cutovers } = cutoverEngineFixture({
    store: new CutoverStore(store),
    clock,
    runbook: RUNBOOK,
    executor: { act: async (step) => `did ${step.key}`, rollback: async (step) => `undid ${step.key}` },
    evaluate: async (gates) =>
      gates.map((gate): GateResult => ({
        gate,
        status: 'pass',
        summary: gate,
        details: [],
        numbers: {},
        at: 0,
      })),
    approvals: cutoverStepApprovals(approvals),
  });
  const { posted, messenger } = recordingMessenger();
  let recorded = 0;
  const spec = createCutoverCommand({
    cutovers,
    engine,
    messenger,
    approvals: {
      get: (id) => approvals.get(id),
      attachMessage: async (id, message) => {
        if (recorded++ >= recordsBeforeDeath) throw new Error('process killed');
        await approvals.attachMessage(id, message);
      },
    },
  });
  // Every invocation of one approval flow shares the correlation id, as an approved run does.
  const ctx: CommandContext = {
    user: 'U1AA',
    channel: 'C1',
    correlationId: 'corr-1',
    reply: { progress: async () => undefined, done: async () => undefined, attach: async () => undefined },
  };
  const run = (args: CutoverArgs) => spec.run(ctx, args);
  /** The process after the restart: the same store, approvals and run engine built anew, sweeping. */
  const restartAndExpire = async () => {
    const after = approvalFixture({ clock, store, ttlMs: 60_000 });
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate'] });
    const expiry = startApprovalExpiry({ runs: after.engine, messenger, log: quietLog, intervalMs: 1000 });
    clock.advance(61_000);
    await jest.advanceTimersByTimeAsync(1000);
    await expiry.stop();
    jest.useRealTimers();
    return after;
  };
  const approvalReplies = () =>
    posted.filter((p) => p.op === 'thread' && p.text.startsWith('Approval needed'));
  return { fixture, posted, run, restartAndExpire, approvalReplies };
}

describe('a cutover step approval whose message was posted but not recorded', () => {
  it('is found in the thread and edited to expired by the sweep after a restart', async () => {
    const t = rig(0);
    await t.run({ sub: 'start' });
    await expect(t.run({ sub: 'next' })).rejects.toThrow('process killed');
    const [reply] = t.approvalReplies();
    expect(reply).toBeDefined();
    const [request] = await t.fixture.approvals.pending();
    expect(request?.message).toBeUndefined();

    const after = await t.restartAndExpire();

    expect((await after.approvals.get(request!.id))?.status).toBe('expired');
    const edits = t.posted.filter((p) => p.op === 'update' && p.ts === reply!.replyTs);
    expect(edits).toHaveLength(1);
    expect(edits[0]!.text).toContain('Expired without a decision');
  });

  it('the sweep edits that step’s reply, not an earlier step’s reply of the same approval flow', async () => {
    const t = rig(1);
    await t.run({ sub: 'start' });
    await t.run({ sub: 'next' });
    const [first] = await t.fixture.approvals.pending();
    expect(first?.message).toBeDefined();
    expect((await t.fixture.engine.decide(first!.id, 'U2BB', 'approve')).kind).toBe('execute');
    // The approved step runs and the flow goes on to the next step's approval; the bot dies recording it.
    await expect(t.run({ sub: 'run', id: first!.args[1]!, key: first!.args[2]! })).rejects.toThrow(
      'process killed',
    );
    const [firstReply, secondReply] = t.approvalReplies();
    expect(secondReply).toBeDefined();

    await t.restartAndExpire();

    const edited = t.posted.filter((p) => p.op === 'update' && p.text.includes('Expired')).map((p) => p.ts);
    expect(edited).toEqual([secondReply!.replyTs]);
    expect(edited).not.toContain(firstReply!.replyTs);
  });
});
