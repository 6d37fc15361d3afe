// One row per figure: what the table prints and what results.json carries next to each scenario's details.

export interface Row {
  scenario: string;
  metric: string;
  /** The figure measured for the bot (or the lab). */
  value: number;
  unit: string;
  /** The same figure for the baseline measured in the same run, when there is one. */
  baseline?: number;
  ratio?: number;
  /** e.g. "≤ 1.2" or "< 150 MB"; `met` says whether `value`/`ratio` kept to it. */
  target?: string;
  met?: boolean;
}

export interface ScenarioResult<D = unknown> {
  name: string;
  rows: Row[];
  details: D;
}

export const atMost = (limit: number, actual: number): boolean => Number.isFinite(actual) && actual <= limit;
export const below = (limit: number, actual: number): boolean => Number.isFinite(actual) && actual < limit;
