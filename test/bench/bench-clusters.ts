// What the lab benches share: both clusters opened twice (raw kafkajs admins for the baseline, the bot's
// own admin adapters for the measured side), topics seeded on them, and a stopped MirrorSourceConnector
// whose offsets cover every partition.
import { Kafka, logLevel, type Admin } from 'kafkajs';
import { createKafkaAdmin } from '../../bot/adapters/kafka/kafkajs-admin';
import type { LabEndpoints } from '../lab/endpoints';
import { mm2Common } from '../lab/mm2-connectors';

/** The lab's two clusters, raw (kafkajs, connected) and through the bot's adapters; `close` ends all four. */
export async function openBenchClusters(lab: LabEndpoints, run: string) {
  const kafka = (bootstrap: string) =>
    new Kafka({ clientId: `bench-${run}`, brokers: [bootstrap], logLevel: logLevel.NOTHING });
  const rawSource: Admin = kafka(lab.source).admin();
  const rawTarget: Admin = kafka(lab.target).admin();
  await Promise.all([rawSource.connect(), rawTarget.connect()]);
  const source = createKafkaAdmin({ cluster: 'source', brokers: [lab.source] });
  const target = createKafkaAdmin({ cluster: 'target', brokers: [lab.target] });
  const close = async () => {
    await Promise.all([rawSource.disconnect(), rawTarget.disconnect(), source.close(), target.close()]);
  };
  return { kafka, rawSource, rawTarget, source, target, close };
}

/** `topics` of `partitions` partitions each on every one of `admins`, once their leaders are elected. */
export async function createBenchTopics(
  admins: Admin[],
  topics: string[],
  partitions: number,
): Promise<void> {
  for (const admin of admins)
    await admin.createTopics({
      topics: topics.map((topic) => ({ topic, numPartitions: partitions, replicationFactor: 1 })),
      waitForLeaders: true,
    });
}

export async function connectJson(url: string, method: string, body?: unknown): Promise<unknown> {
  const response = await fetch(url, {
    method,
    headers: { 'content-type': 'application/json' },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  const text = await response.text();
  if (response.status >= 400) throw new Error(`${method} ${url}: ${response.status} ${text}`);
  return text ? JSON.parse(text) : undefined;
}

/**
 * A STOPPED MirrorSourceConnector whose offsets are set for every partition (PATCH, KIP-875): Connect's
 * offsets API answers with one entry per partition, as in a real migration, without copying 2,000
 * partitions on the shared lab. `topic` may be several topics of `partitions` partitions each.
 */
export async function stoppedConnectorWithOffsets(
  lab: LabEndpoints,
  name: string,
  topic: string | string[],
  partitions: number,
) {
  const topics = Array.isArray(topic) ? topic : [topic];
  await connectJson(`${lab.connect}/connectors`, 'POST', {
    name,
    initial_state: 'STOPPED',
    config: {
      ...mm2Common(lab),
      'connector.class': 'org.apache.kafka.connect.mirror.MirrorSourceConnector',
      'tasks.max': '1',
      'replication.factor': '1',
      'offset-syncs.topic.replication.factor': '1',
      'offset-syncs.topic.location': 'target',
      topics: topics.join(','),
    },
  });
  for (let attempt = 0; ; attempt++) {
    try {
      await connectJson(`${lab.connect}/connectors/${name}/offsets`, 'PATCH', {
        offsets: topics.flatMap((t) =>
          Array.from({ length: partitions }, (_, p) => ({
            partition: { cluster: 'source', topic: t, partition: p },
            // half the partitions fully copied, the other half 1 record behind (see the produce below)
            offset: { offset: p % 2 === 0 ? 1 : 0 },
          })),
        ),
      });
      return;
    } catch (error) {
      if (attempt >= 20) throw error;
      await new Promise((r) => setTimeout(r, 500)); // the connector may not be registered as STOPPED yet
    }
  }
}
