import { AppError } from '../../domain/errors';
import type { Clock } from '../../domain/clock';
import type { Cutover, PlannedStep, StepMemo, StepState } from './cutover-types';
import type { CutoverStore } from './cutover-store';
import { blocks, type GateResult } from './gates/gate-types';
import type { EndsSnapshot } from './gates/measurements';
import type { ActionContext, StepExecutor } from './step-executor';

/** Peer / self approval of one step, through the approvals use case (exactly-once decisions). */
export interface StepApprovals {
  request(input: {
    cutover: Cutover;
    step: StepState;
    requester: string;
    mode: 'self' | 'peer';
    correlationId: string;
  }): Promise<{ id: string }>;
  status(id: string): Promise<{ status: string; decidedBy?: string } | undefined>;
}

/** Measures a step's gates now (or its verification gates after acting). */
export type GateEvaluator = (
  gates: PlannedStep['gates'],
  step: PlannedStep,
  baseline: EndsSnapshot | undefined,
) => Promise<GateResult[]>;

export interface EngineDeps {
  store: CutoverStore;
  clock: Clock;
  executor: StepExecutor;
  evaluate: GateEvaluator;
  approvals: StepApprovals;
  /** Source end offsets of the producers' topics (the rollback window's baseline). */
  sourceEnds(topics: string[] | undefined): Promise<EndsSnapshot>;
  bootstrap: { source: string; target: string };
  sleep(ms: number): Promise<void>;
  /** A step acting without a beat for this long was left by a dead process and is taken over. */
  staleMs: number;
  beatMs: number;
  /** Pause between two evaluations of gates that are still red, until the step's timeout. */
  pollMs: number;
}

export type StepOutcome =
  | { kind: 'blocked'; step: StepState; evidence: GateResult[]; reason: string }
  | { kind: 'approval-requested'; step: StepState; approvalId: string }
  | { kind: 'awaiting-approval'; step: StepState; approvalId: string }
  | { kind: 'running'; step: StepState }
  | { kind: 'done'; step: StepState; result: string; evidence: GateResult[] }
  | { kind: 'finished'; cutover: Cutover };

/** What the caller shows as it happens (the thread): each step's outcome and the new state. */
export type StepListener = (cutover: Cutover, outcome: StepOutcome) => Promise<void>;

const iso = (ms: number) => new Date(ms).toISOString();
const current = (c: Cutover) => c.steps.find((s) => s.status !== 'done' && s.status !== 'rolled-back');

/**
 * The cutover state machine. Every transition is a compare-and-set on the stored cutover, so a
 * double click, two replicas or a restart never run one action twice; each step's action is also
 * idempotent on its own (it looks before it calls). There is no failed state: a red gate or a
 * failed call leaves the step where it was, with a note, and `next` resumes there.
 */
export class CutoverEngine {
  constructor(private readonly deps: EngineDeps) {}

  /**
   * Runs the cutover forward from where it stands until a person is needed (an approval), a gate is
   * red, or the end. `user` is who asked (the requester of any approval it opens).
   */
  async advance(id: string, user: string, correlationId: string, listen: StepListener): Promise<StepOutcome> {
    for (;;) {
      const outcome = await this.step(id, user, correlationId);
      const cutover = (await this.deps.store.get(id))!;
      await listen(cutover, outcome);
      if (outcome.kind !== 'done') return outcome;
    }
  }

  /** An approval was granted (called once per approval by the approvals flow): act, verify, go on. */
  async runApproved(
    id: string,
    key: string,
    user: string,
    correlationId: string,
    listen: StepListener,
  ): Promise<StepOutcome> {
    const approvalId = (await this.deps.store.get(id))?.steps.find((s) => s.key === key)?.approvalId;
    const approval = approvalId ? await this.deps.approvals.status(approvalId) : undefined;
    if (approval?.status !== 'approved')
      throw new AppError(
        'FORBIDDEN',
        `Step ${key} runs only through its approval request, which is ${approval?.status ?? 'unknown'}.`,
        'Use `/mm2 cutover next`.',
      );
    let claimed = false;
    const cutover = await this.deps.store.update(id, (c) => {
      const step = c.steps.find((s) => s.key === key);
      claimed =
        c.status === 'active' && step?.status === 'awaiting-approval' && step.approvalId === approvalId;
      if (!claimed || !step) return undefined;
      this.toActing(c, step, `approved by ${approval.decidedBy ?? 'an approver'}`);
      step.approvedBy = approval.decidedBy;
      return c;
    });
    const step = cutover.steps.find((s) => s.key === key);
    if (!claimed || !step) {
      const outcome: StepOutcome = step ? { kind: 'running', step } : { kind: 'finished', cutover };
      await listen(cutover, outcome);
      return outcome;
    }
    const outcome = await this.actAndVerify(cutover, step, true);
    await listen((await this.deps.store.get(id))!, outcome);
    return outcome.kind === 'done' ? this.advance(id, user, correlationId, listen) : outcome;
  }

  /** One move of the current step. */
  private async step(id: string, user: string, correlationId: string): Promise<StepOutcome> {
    const cutover = await this.deps.store.get(id);
    if (!cutover) throw new AppError('NOT_FOUND', `There is no cutover ${id}.`);
    const step = cutover.status === 'active' ? current(cutover) : undefined;
    if (!step) return { kind: 'finished', cutover: await this.finish(cutover) };
    switch (step.status) {
      case 'pending':
        return this.fromPending(cutover, step, user, correlationId);
      case 'awaiting-approval': {
        const approval = step.approvalId ? await this.deps.approvals.status(step.approvalId) : undefined;
        if (approval && (approval.status === 'pending' || approval.status === 'approved'))
          return { kind: 'awaiting-approval', step, approvalId: step.approvalId! };
        // Rejected, expired or failed: the step is asked for again from scratch.
        await this.deps.store.update(id, (c) => {
          const s = c.steps.find((x) => x.key === step.key)!;
          if (s.status !== 'awaiting-approval' || s.approvalId !== step.approvalId) return undefined;
          s.status = 'pending';
          s.note = `approval ${approval?.status ?? 'missing'}: asked again`;
          delete s.approvalId;
          return c;
        });
        return this.step(id, user, correlationId);
      }
      case 'acting': {
        const beat = Date.parse(step.beatAt ?? step.actingSince ?? '1970-01-01T00:00:00Z');
        if (this.deps.clock.now() - beat < this.deps.staleMs) return { kind: 'running', step };
        // Its runner died mid-action: take it over (compare-and-set, so only one process does).
        let claimed = false;
        const taken = await this.deps.store.update(id, (c) => {
          const s = c.steps.find((x) => x.key === step.key)!;
          claimed = s.status === 'acting' && s.beatAt === step.beatAt;
          if (!claimed) return undefined;
          s.beatAt = iso(this.deps.clock.now());
          c.history.push({ at: s.beatAt, text: `${s.key}: resumed after an interruption` });
          return c;
        });
        if (!claimed) return { kind: 'running', step };
        const resumed = taken.steps.find((s) => s.key === step.key)!;
        // No call made yet: the point-in-time gates are measured again before acting.
        if (!resumed.memo.calls?.length && resumed.gates.length > 0) {
          const evidence = await this.deps.evaluate(resumed.gates, resumed, taken.producerBaseline);
          if (evidence.some(blocks))
            return this.park(taken, resumed, 'pending', evidence, 'gates red after a restart');
        }
        return this.actAndVerify(taken, resumed, false);
      }
      case 'acted':
        return this.verify(cutover, step);
      default:
        return { kind: 'finished', cutover };
    }
  }

  private async fromPending(
    cutover: Cutover,
    step: StepState,
    user: string,
    correlationId: string,
  ): Promise<StepOutcome> {
    const waited = await this.waitBefore(cutover, step);
    if (waited) return this.park(cutover, step, 'pending', [waited], waited.summary);
    const evidence = await this.gatesUntil(step, cutover, step.gates, step.kind === 'check');
    if (evidence.some(blocks)) return this.park(cutover, step, 'pending', evidence, 'a gate is red');
    if (step.approval === 'none') {
      let claimed = false;
      const c = await this.deps.store.update(cutover.id, (c) => {
        const s = c.steps.find((x) => x.key === step.key)!;
        claimed = s.status === 'pending';
        if (!claimed) return undefined;
        s.evidence = evidence;
        this.toActing(c, s, 'started');
        return c;
      });
      const s = c.steps.find((x) => x.key === step.key)!;
      if (!claimed) return { kind: 'running', step: s };
      return this.actAndVerify(c, s, false);
    }
    const { id: approvalId } = await this.deps.approvals.request({
      cutover,
      step: { ...step, evidence },
      requester: user,
      mode: step.approval === 'peer' ? 'peer' : 'self',
      correlationId,
    });
    let claimed = false;
    const c = await this.deps.store.update(cutover.id, (c) => {
      const s = c.steps.find((x) => x.key === step.key)!;
      claimed = s.status === 'pending';
      if (!claimed) return undefined;
      s.status = 'awaiting-approval';
      s.approvalId = approvalId;
      s.evidence = evidence;
      delete s.note;
      c.history.push({ at: iso(this.deps.clock.now()), text: `${s.key}: approval requested by ${user}` });
      return c;
    });
    const s = c.steps.find((x) => x.key === step.key)!;
    // Two `next` at once: the other one asked first; its request is the one that counts.
    if (!claimed) return { kind: 'awaiting-approval', step: s, approvalId: s.approvalId ?? approvalId };
    return { kind: 'approval-requested', step: s, approvalId };
  }

  /** A `waitSeconds` step waits (when the rest fits its timeout) or reports the time left. */
  private async waitBefore(cutover: Cutover, step: StepState): Promise<GateResult | undefined> {
    if (!step.waitSeconds) return undefined;
    const index = cutover.steps.findIndex((s) => s.key === step.key);
    const since = Date.parse(cutover.steps[index - 1]?.doneAt ?? cutover.createdAt);
    const left = since + step.waitSeconds * 1000 - this.deps.clock.now();
    if (left <= 0) return undefined;
    if (left <= step.timeoutSeconds * 1000) {
      await this.deps.sleep(left);
      return undefined;
    }
    return {
      gate: 'waited',
      status: 'wait',
      summary: `wait ${Math.ceil(left / 1000)} s more (${step.waitSeconds} s since the previous step)`,
      details: [],
      numbers: { leftMs: left, waitSeconds: step.waitSeconds },
      at: this.deps.clock.now(),
    };
  }

  /** Gates measured now; `poll` re-measures red ones until the step's timeout. */
  private async gatesUntil(
    step: StepState,
    cutover: Cutover,
    gates: StepState['gates'],
    poll: boolean,
  ): Promise<GateResult[]> {
    const deadline = this.deps.clock.now() + step.timeoutSeconds * 1000;
    for (;;) {
      const evidence = gates.length ? await this.deps.evaluate(gates, step, cutover.producerBaseline) : [];
      if (!poll || !evidence.some(blocks) || this.deps.clock.now() + this.deps.pollMs > deadline)
        return evidence;
      await this.deps.sleep(this.deps.pollMs);
    }
  }

  private toActing(c: Cutover, s: StepState, why: string): void {
    const now = iso(this.deps.clock.now());
    s.status = 'acting';
    s.actingSince = now;
    s.beatAt = now;
    delete s.note;
    c.updatedAt = now;
    c.history.push({ at: now, text: `${s.key}: ${why}` });
  }

  private async actAndVerify(cutover: Cutover, step: StepState, fresh: boolean): Promise<StepOutcome> {
    const id = cutover.id;
    let result: string;
    try {
      result = await this.beating(id, step.key, async () => {
        // Approved a while ago: what the approver saw may have changed, so the gates are measured again.
        if (fresh && step.gates.length > 0) {
          const evidence = await this.deps.evaluate(step.gates, step, cutover.producerBaseline);
          if (evidence.some(blocks)) throw new GatesRed(evidence);
        }
        return this.deps.executor.act(step, this.actionContext(id, step, cutover));
      });
    } catch (error) {
      if (error instanceof GatesRed)
        return this.park(cutover, step, 'pending', error.evidence, 'a gate turned red before acting');
      const reason = error instanceof Error ? error.message : String(error);
      // The action failed: the step stays acting but not beating, so `next` retries it (idempotently).
      await this.deps.store.update(id, (c) => {
        const s = c.steps.find((x) => x.key === step.key)!;
        s.note = `action failed: ${reason}`.slice(0, 500);
        s.beatAt = iso(0);
        return c;
      });
      throw error;
    }
    let baseline: EndsSnapshot | undefined;
    if (step.pointOfNoReturn) baseline = await this.deps.sourceEnds(step.topics);
    const acted = await this.deps.store.update(id, (c) => {
      const s = c.steps.find((x) => x.key === step.key)!;
      if (s.status !== 'acting') return undefined;
      s.status = 'acted';
      s.actedAt = iso(this.deps.clock.now());
      s.note = result;
      if (baseline) c.producerBaseline = baseline;
      c.history.push({ at: s.actedAt, text: `${s.key}: ${result}` });
      return c;
    });
    return this.verify(
      acted,
      acted.steps.find((s) => s.key === step.key)!,
    );
  }

  private async verify(cutover: Cutover, step: StepState): Promise<StepOutcome> {
    const evidence = await this.beating(cutover.id, step.key, () =>
      this.gatesUntil(step, cutover, step.verify, true),
    );
    if (evidence.some(blocks)) return this.park(cutover, step, 'acted', evidence, 'verification is red');
    const done = await this.deps.store.update(cutover.id, (c) => {
      const s = c.steps.find((x) => x.key === step.key)!;
      if (s.status !== 'acted' && s.status !== 'acting') return undefined;
      s.status = 'done';
      s.doneAt = iso(this.deps.clock.now());
      if (evidence.length)
        s.evidence = [
          ...(s.evidence ?? []).filter((e) => !step.verify.includes(e.gate as never)),
          ...evidence,
        ];
      const estimate = s.evidence?.find((e) => e.gate === 'group-ready-target')?.numbers.reReadEstimate;
      if (estimate !== undefined) s.reReadEstimate = estimate;
      c.history.push({ at: s.doneAt, text: `${s.key}: done` });
      return c;
    });
    const s = done.steps.find((x) => x.key === step.key)!;
    return { kind: 'done', step: s, result: s.note ?? 'done', evidence: s.evidence ?? [] };
  }

  /** Saves red evidence on the step (its status unchanged or set back) and reports it blocked. */
  private async park(
    cutover: Cutover,
    step: StepState,
    status: StepState['status'],
    evidence: GateResult[],
    reason: string,
  ): Promise<StepOutcome> {
    const c = await this.deps.store.update(cutover.id, (c) => {
      const s = c.steps.find((x) => x.key === step.key)!;
      s.status = status;
      s.evidence = evidence;
      s.note = reason;
      return c;
    });
    return { kind: 'blocked', step: c.steps.find((x) => x.key === step.key)!, evidence, reason };
  }

  private actionContext(id: string, step: StepState, cutover: Cutover): ActionContext {
    return {
      steps: cutover.steps,
      bootstrap: this.deps.bootstrap,
      memoOf: (key) => cutover.steps.find((s) => s.key === key)?.memo,
      remember: async (memo: Partial<StepMemo>) => {
        Object.assign(step.memo, memo);
        await this.deps.store.update(id, (c) => {
          const s = c.steps.find((x) => x.key === step.key)!;
          Object.assign(s.memo, memo);
          return c;
        });
      },
    };
  }

  /** Runs `work` while stamping the step's beat, so a crash can be told from a long step. */
  private async beating<T>(id: string, key: string, work: () => Promise<T>): Promise<T> {
    // Beats never overlap: with a slow store, a beat still on its way is not joined by another.
    let beating: Promise<unknown> | undefined;
    const timer = setInterval(() => {
      beating ??= this.deps.store
        .update(id, (c) => {
          const s = c.steps.find((x) => x.key === key);
          if (!s || (s.status !== 'acting' && s.status !== 'acted')) return undefined;
          s.beatAt = iso(this.deps.clock.now());
          return c;
        })
        .catch(() => undefined)
        .finally(() => (beating = undefined));
    }, this.deps.beatMs);
    timer.unref();
    try {
      return await work();
    } finally {
      clearInterval(timer);
    }
  }

  private async finish(cutover: Cutover): Promise<Cutover> {
    if (cutover.status !== 'active') return cutover;
    const done = await this.deps.store.update(cutover.id, (c) => {
      if (c.status !== 'active' || current(c)) return undefined;
      c.status = 'done';
      c.updatedAt = iso(this.deps.clock.now());
      c.history.push({ at: c.updatedAt, text: 'cutover complete' });
      return c;
    });
    await this.deps.store.release(done.profile, done.id);
    return done;
  }

  /**
   * Before the point of no return: undoes every step that acted, newest first (the consumer groups go
   * back to the source, whose offsets were never touched), and says what each team must do.
   */
  async abort(id: string, user: string): Promise<Cutover> {
    const cutover = await this.deps.store.get(id);
    if (!cutover || cutover.status !== 'active')
      throw new AppError('NOT_FOUND', `Cutover ${id} is not running.`);
    const pnr = cutover.steps.find((s) => s.pointOfNoReturn);
    if (pnr && ['acting', 'acted', 'done'].includes(pnr.status))
      throw new AppError(
        'FORBIDDEN',
        `Cannot abort: "${pnr.title}" is the point of no return and it has run (producers write to the target).`,
        'Fix forward: the source is no longer written to.',
      );
    const notes: string[] = [];
    for (const step of [...cutover.steps].reverse()) {
      if (!['acting', 'acted', 'done'].includes(step.status)) continue;
      if (step.kind === 'check') continue;
      const text = await this.deps.executor.rollback(step, this.actionContext(id, step, cutover));
      notes.push(`${step.title}: ${text}`);
      await this.deps.store.update(id, (c) => {
        const s = c.steps.find((x) => x.key === step.key)!;
        s.status = 'rolled-back';
        s.note = text;
        c.history.push({ at: iso(this.deps.clock.now()), text: `${s.key}: rolled back: ${text}` });
        return c;
      });
    }
    for (const app of new Set(cutover.steps.filter((s) => s.appKind === 'consumer').map((s) => s.app!))) {
      const step = cutover.steps.find((s) => s.app === app)!;
      notes.push(
        step.manual
          ? `${step.manual.team}: run ${app} against the source again (${this.deps.bootstrap.source}); its groups (${step.groups?.join(', ')}) resume from their committed source offsets, untouched by the cutover.`
          : `${app}: back on the source by ECS (${step.ecs?.service}); its groups (${step.groups?.join(', ')}) resume from their committed source offsets, untouched by the cutover. Nothing to do.`,
      );
    }
    const aborted = await this.deps.store.update(id, (c) => {
      c.status = 'aborted';
      c.abortNotes = notes;
      c.updatedAt = iso(this.deps.clock.now());
      c.history.push({ at: c.updatedAt, text: `aborted by ${user}` });
      return c;
    });
    await this.deps.store.release(aborted.profile, aborted.id);
    return aborted;
  }
}

class GatesRed extends Error {
  constructor(readonly evidence: GateResult[]) {
    super('gates red');
  }
}
