import type { StepMemo, StepState } from './cutover-types';

export interface ActionContext {
  /** Saves what the action must know after a crash or for a rollback, before it changes anything. */
  remember(memo: Partial<StepMemo>): Promise<void>;
  /** Another step's memo (e.g. the count a stopped application had). */
  memoOf(stepKey: string): StepMemo | undefined;
  /** Every step of the cutover, to find the related ones. */
  steps: StepState[];
  bootstrap: { source: string; target: string };
}

/**
 * The seam where a step's action runs: one interface, so the action can move onto the shared run
 * engine of approved commands later. Both methods are idempotent: they look first and act only on
 * what is not so yet, so a resumed step never repeats a call that already took effect. Resolves with
 * one line saying what was done (or that nothing was needed).
 */
export interface StepExecutor {
  act(step: StepState, ctx: ActionContext): Promise<string>;
  rollback(step: StepState, ctx: ActionContext): Promise<string>;
}
