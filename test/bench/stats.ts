// Nearest-rank percentiles and rounded ratios: the bench reports what it measured, not an estimate.

export interface Percentiles {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export function percentile(samples: readonly number[], q: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] as number;
}

export function percentiles(samples: readonly number[]): Percentiles {
  return {
    count: samples.length,
    p50: round1(percentile(samples, 0.5)),
    p95: round1(percentile(samples, 0.95)),
    p99: round1(percentile(samples, 0.99)),
    max: round1(samples.length === 0 ? NaN : Math.max(...samples)),
  };
}

export const median = (samples: readonly number[]): number => round1(percentile(samples, 0.5));

export const round1 = (n: number): number => Math.round(n * 10) / 10;

/** a / b to two decimals; a zero or missing baseline gives NaN rather than a flattering infinity. */
export const ratio = (a: number, b: number): number =>
  b > 0 && Number.isFinite(a) ? Math.round((a / b) * 100) / 100 : NaN;
