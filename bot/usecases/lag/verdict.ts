import type { Band, Verdict } from './lag-types';

const RANK: Record<Verdict, number> = { green: 0, amber: 1, red: 2 };

export const worst = (...verdicts: Verdict[]): Verdict =>
  verdicts.reduce<Verdict>((acc, v) => (RANK[v] > RANK[acc] ? v : acc), 'green');

export const verdictRank = (v: Verdict): number => RANK[v];

/** A value at or above a band's edge takes that colour; unknown values are green (no evidence). */
export const grade = (value: number | undefined, band: Band | undefined): Verdict => {
  if (value === undefined || band === undefined || Number.isNaN(value)) return 'green';
  if (value >= band.red) return 'red';
  if (value >= band.amber) return 'amber';
  return 'green';
};
