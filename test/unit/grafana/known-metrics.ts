/**
 * The metric names the lab and the Connect image export (docker/kafka-connect/jmx-exporter.yml, listed
 * for every helper in the project's metrics notes). Dashboards and alert rules may use only these.
 */
const MIRROR_SOURCE = [
  'record_count',
  'record_rate',
  'record_age_ms',
  'record_age_ms_max',
  'record_age_ms_min',
  'record_age_ms_avg',
  'replication_latency_ms',
  'replication_latency_ms_max',
  'replication_latency_ms_min',
  'replication_latency_ms_avg',
  'byte_rate',
  'byte_count',
];
const CHECKPOINT = [
  'checkpoint_latency_ms',
  'checkpoint_latency_ms_max',
  'checkpoint_latency_ms_min',
  'checkpoint_latency_ms_avg',
];

export const KNOWN_METRICS = new Set<string>([
  ...MIRROR_SOURCE.map((m) => `kafka_connect_mirror_source_connector_${m}`),
  ...CHECKPOINT.map((m) => `kafka_connect_mirror_checkpoint_connector_${m}`),
  'kafka_connect_connector_status',
  'kafka_connect_connector_task_status',
  'kafka_connect_worker_connector_count',
  'kafka_connect_worker_task_count',
  'kafka_consumer_fetch_manager_records_lag',
  'kafka_consumer_fetch_manager_records_lag_max',
  'kafka_consumer_fetch_manager_fetch_latency_avg',
  'kafka_consumer_fetch_manager_fetch_latency_max',
  'kafka_connect_source_task_source_record_active_count',
  'process_cpu_seconds_total',
  'jvm_memory_used_bytes',
  'up',
]);

const PROMQL_WORDS = new Set([
  'sum',
  'max',
  'min',
  'avg',
  'count',
  'by',
  'without',
  'rate',
  'irate',
  'increase',
  'vector',
  'or',
  'and',
  'unless',
  'absent',
  'on',
  'ignoring',
  'group_left',
  'group_right',
  'topk',
  'bottomk',
  'label_values',
  'offset',
  'bool',
]);

/** Metric names an expression selects: identifiers outside strings, label matchers, ranges and keywords. */
export function metricNames(expr: string): string[] {
  const stripped = expr
    .replace(/"(?:[^"\\]|\\.)*"/g, '""')
    .replace(/\{[^}]*\}/g, '{}')
    .replace(/\[[^\]]*\]/g, '[]')
    .replace(/\b(by|without|on|ignoring)\s*\([^)]*\)/g, '');
  const names = stripped.match(/\b[a-zA-Z_:][a-zA-Z0-9_:]*\b/g) ?? [];
  return [...new Set(names.filter((n) => !PROMQL_WORDS.has(n) && !/^\d/.test(n)))];
}
