/** PromQL queries against Prometheus (or any API-compatible server). */
export interface MetricSample {
  labels: Record<string, string>;
  value: number;
}

export interface MetricSeries {
  labels: Record<string, string>;
  /** [unix seconds, value] pairs, oldest first. */
  points: Array<[number, number]>;
}

export interface RangeQuery {
  query: string;
  /** Unix milliseconds. */
  start: number;
  end: number;
  stepSeconds: number;
}

export interface MetricsQuery {
  /** Where the metrics come from, for messages (credentials stripped). */
  readonly target: string;
  /** Rejects with PROMETHEUS_UNREACHABLE (network/timeout) or BAD_INPUT (PromQL error). */
  instant(query: string, at?: number): Promise<MetricSample[]>;
  range(query: RangeQuery): Promise<MetricSeries[]>;
}
