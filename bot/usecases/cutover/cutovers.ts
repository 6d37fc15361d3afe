import { randomBytes } from 'node:crypto';
import { AppError } from '../../domain/errors';
import type { Clock } from '../../domain/clock';
import type { Cutover, PlannedStep } from './cutover-types';
import type { CutoverStore } from './cutover-store';
import type { GateResult } from './gates/gate-types';
import { planSteps, type PlanInput } from './plan';
import type { Runbook } from '../../domain/runbook/runbook-schema';

export interface CutoversDeps {
  store: CutoverStore;
  clock: Clock;
  runbooks: Map<string, Runbook>;
  profile: string;
  bootstrap: PlanInput['bootstrap'];
  intervals: PlanInput['intervals'];
  /** Evaluates one step's gates and verification gates now (the dry run), with its runbook's settings. */
  evaluate(step: PlannedStep, runbook: Runbook): Promise<GateResult[]>;
  newId?: () => string;
}

export interface PlanRequest {
  runbook?: string;
  batch?: string[];
}

/** Starting and planning cutovers of the bot's profile; the engine runs them. */
export class Cutovers {
  private readonly newId: () => string;
  constructor(private readonly deps: CutoversDeps) {
    this.newId = deps.newId ?? (() => `c${deps.clock.now().toString(36)}${randomBytes(3).toString('hex')}`);
  }

  runbook(name = 'default'): Runbook {
    const found = this.deps.runbooks.get(name);
    if (!found)
      throw new AppError(
        'NOT_FOUND',
        `There is no runbook ${name}.`,
        `Known: ${[...this.deps.runbooks.keys()].join(', ') || 'none'} (connectors/runbooks/<name>.yml).`,
      );
    return found;
  }

  plan(request: PlanRequest): { runbook: Runbook; steps: PlannedStep[] } {
    const runbook = this.runbook(request.runbook);
    const input: PlanInput = { runbook, bootstrap: this.deps.bootstrap, intervals: this.deps.intervals };
    if (request.batch) input.batch = request.batch;
    return { runbook, steps: planSteps(input) };
  }

  /** The dry run: every gate of every step measured now; nothing is changed anywhere. */
  async dryRun(
    request: PlanRequest,
  ): Promise<{ runbook: Runbook; steps: Array<{ step: PlannedStep; evidence: GateResult[] }> }> {
    const { runbook, steps } = this.plan(request);
    const evaluated = await Promise.all(
      steps.map(async (step) => ({ step, evidence: await this.deps.evaluate(step, runbook) })),
    );
    return { runbook, steps: evaluated };
  }

  async start(request: PlanRequest & { user: string; channel: string }): Promise<Cutover> {
    const { runbook, steps } = this.plan(request);
    const now = new Date(this.deps.clock.now()).toISOString();
    const cutover: Cutover = {
      id: this.newId(),
      profile: this.deps.profile,
      runbook: runbook.name,
      requester: request.user,
      channel: request.channel,
      createdAt: now,
      updatedAt: now,
      status: 'active',
      steps: steps.map((s) => ({ ...s, status: 'pending', memo: {} })),
      history: [{ at: now, text: `started by ${request.user} (runbook ${runbook.name})` }],
    };
    await this.deps.store.create(cutover);
    return cutover;
  }

  active(): Promise<Cutover | undefined> {
    return this.deps.store.active(this.deps.profile);
  }

  /**
   * Hook for the alert watcher (issue 15): while a cutover runs, alerts belong in its thread.
   * Resolves with the thread's root, or undefined when no cutover runs.
   */
  async alertThread(): Promise<{ channel: string; ts: string } | undefined> {
    return (await this.active())?.root;
  }

  /** The most recent cutover of the profile (for the report after it ended). */
  latest(): Promise<Cutover | undefined> {
    return this.deps.store.latest(this.deps.profile);
  }

  get(id: string): Promise<Cutover | undefined> {
    return this.deps.store.get(id);
  }

  /** Records the thread root once it is posted. */
  async attachRoot(id: string, root: { channel: string; ts: string }): Promise<void> {
    await this.deps.store.update(id, (c) => (c.root ? undefined : { ...c, root }));
  }

  async attachStepMessage(id: string, key: string, message: { channel: string; ts: string }): Promise<void> {
    await this.deps.store.update(id, (c) => {
      const s = c.steps.find((x) => x.key === key);
      if (!s) return undefined;
      s.message = message;
      return c;
    });
  }
}
