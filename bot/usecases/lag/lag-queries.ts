/** The PromQL the lag report runs; metric names as the JMX exporter rules (docker/kafka-connect/jmx-exporter.yml) export them. */
export interface Aliases {
  source?: string;
  target?: string;
}

const selector = (aliases: Aliases): string => {
  const parts: string[] = [];
  if (aliases.source) parts.push(`source="${aliases.source}"`);
  if (aliases.target) parts.push(`target="${aliases.target}"`);
  return parts.length ? `{${parts.join(',')}}` : '';
};

const SOURCE = 'kafka_connect_mirror_source_connector';
const CHECKPOINT = 'kafka_connect_mirror_checkpoint_connector';
/**
 * MM2's replication consumer (client id `source->target|<connector>-<task>|replication-consumer` in Kafka 4).
 * The lab's exporter also files records-lag-avg/-max under this name (told apart by `_objectname`):
 * keep only the current value.
 */
const RECORDS_LAG =
  'kafka_consumer_fetch_manager_records_lag{client_id=~".*replication-consumer.*",_objectname!~".*records-lag-(avg|max)"}';

export const lagQueries = (aliases: Aliases, rateWindow = '5m') => {
  const s = selector(aliases);
  return {
    latencyByPartition: `max by (topic, partition) (${SOURCE}_replication_latency_ms${s})`,
    recordAgeByTopic: `max by (topic) (${SOURCE}_record_age_ms${s})`,
    throughputByTopic: `sum by (topic) (rate(${SOURCE}_record_count${s}[${rateWindow}]))`,
    metricsLagByPartition: `max by (topic, partition) (${RECORDS_LAG})`,
    metricsLagByTopic: `sum by (topic) (max by (topic, partition) (${RECORDS_LAG}))`,
    checkpointByGroup: `max by (group) (${CHECKPOINT}_checkpoint_latency_ms${s})`,
  };
};
