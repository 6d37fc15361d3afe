import type { GateId } from '../../../domain/runbook/runbook-schema';

/**
 * `pass` lets the step go on; `fail` blocks it; `warn` is shown but does not block (e.g. topic configs
 * MM2 does not copy); `wait` means "not yet": measured, but a time condition has still to elapse.
 */
export type GateStatus = 'pass' | 'fail' | 'warn' | 'wait';

export interface GateResult {
  gate: GateId | 'waited';
  status: GateStatus;
  /** One line with the numbers, e.g. `exact lag 0 on 12/12 partitions`. */
  summary: string;
  /** The evidence a person acts on: members still connected, partitions that moved, ... (a few lines). */
  details: string[];
  /** The measured figures, for the JSON evidence of the report. */
  numbers: Record<string, number>;
  /** When it was measured (unix ms). */
  at: number;
}

export const blocks = (r: GateResult): boolean => r.status === 'fail' || r.status === 'wait';

/** At most `max` lines, then how many more: evidence stays readable at 1,000 partitions. */
export const capped = (lines: string[], max = 10): string[] =>
  lines.length <= max ? lines : [...lines.slice(0, max), `… and ${lines.length - max} more`];
