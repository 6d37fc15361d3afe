export interface Tolerance {
  /** Absolute records always tolerated (metrics are sampled at scrape time). */
  records: number;
  /** Fraction of the larger value tolerated. */
  ratio: number;
  /** Seconds of throughput tolerated (the metrics may be this old). */
  staleSeconds: number;
}

export const DEFAULT_TOLERANCE: Tolerance = { records: 100, ratio: 0.1, staleSeconds: 30 };

/** Describes a disagreement between exact and metrics lag, or undefined when they agree. */
export const disagreement = (
  exact: number,
  metrics: number | undefined,
  throughput: number | undefined,
  tolerance: Tolerance = DEFAULT_TOLERANCE,
): string | undefined => {
  if (metrics === undefined || Number.isNaN(metrics)) return undefined;
  const allowed = Math.max(
    tolerance.records,
    tolerance.ratio * Math.max(exact, metrics),
    (throughput ?? 0) * tolerance.staleSeconds,
  );
  const diff = Math.abs(exact - metrics);
  if (diff <= allowed) return undefined;
  return `exact lag ${exact} vs metrics ${Math.round(metrics)} (differ by ${Math.round(diff)}, tolerance ${Math.round(allowed)})`;
};
