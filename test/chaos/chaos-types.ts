// One row of the chaos table: what a fault was expected to do, what the real bot did, and the two
// questions every scenario answers — was anything lost, and was the channel told the truth.
import type { OpsHarness } from '../integration/ops/ops-harness';
import type { LabEndpoints } from '../lab/endpoints';

export interface ChaosRow {
  scenario: string;
  expected: string;
  observed: string;
  /** What was lost (audit records, approvals, commands, double executions); 'nothing' when none. */
  lost: string;
  /** Whether every message the channel got matched what happened. */
  toldTruth: boolean;
  pass: boolean;
  durationMs: number;
  /** Figures and samples behind the observation (JSON only). */
  details?: Record<string, unknown>;
}

export interface ChaosContext {
  h: OpsHarness;
  lab: LabEndpoints;
  log(line: string): void;
  /** true for `npm test`'s short run: fewer commands, shorter load. */
  short: boolean;
}

export interface ChaosScenario {
  name: string;
  /** In the short run of `npm test` too (the others only in `npm run chaos`). */
  inShortRun: boolean;
  run(ctx: ChaosContext): Promise<Omit<ChaosRow, 'scenario' | 'durationMs'>>;
}
