import type { LatencySummary } from './types';

/** Keeps every sample (a bench is a few hundred acks) and reports nearest-rank percentiles. */
export class LatencyHistogram {
  private samples: number[] = [];

  record(ms: number): void {
    this.samples.push(ms);
  }

  values(): number[] {
    return [...this.samples];
  }

  reset(): void {
    this.samples = [];
  }

  summary(): LatencySummary {
    const sorted = [...this.samples].sort((a, b) => a - b);
    const count = sorted.length;
    if (count === 0) return { count: 0, p50: NaN, p95: NaN, p99: NaN, max: NaN, mean: NaN };
    const at = (q: number): number =>
      sorted[Math.min(count - 1, Math.max(0, Math.ceil(q * count) - 1))] ?? NaN;
    const sum = sorted.reduce((a, b) => a + b, 0);
    return {
      count,
      p50: at(0.5),
      p95: at(0.95),
      p99: at(0.99),
      max: sorted[count - 1] ?? NaN,
      mean: sum / count,
    };
  }
}
