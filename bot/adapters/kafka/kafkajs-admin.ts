import type { Admin } from 'kafkajs';
import type {
  ConsumerGroupSummary,
  GroupOffset,
  KafkaAdmin,
  PartitionOffsets,
  TopicMetadata,
} from '../../ports/kafka-admin';
import { createAdminSession } from './admin-session';
import type { KafkaAuth } from './kafka-auth';
import type { KafkaAuthSettings } from './kafka-errors';

export interface KafkaAdminOptions {
  /** Alias used in messages, e.g. `source`. */
  cluster: string;
  brokers: string[];
  auth?: KafkaAuth;
  /** The settings the credentials came from, named in authentication and TLS errors. */
  authSettings?: KafkaAuthSettings;
  clientId?: string;
  connectionTimeoutMs?: number;
  requestTimeoutMs?: number;
  /** Retries before a call gives up; kept low so an unreachable cluster is reported quickly. */
  retries?: number;
  /** Topics whose offsets are fetched at once. */
  concurrency?: number;
}

const mapLimit = async <T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> => {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
};

const UNKNOWN_TOPIC =
  /UNKNOWN_TOPIC_OR_PARTITION|does not host this topic-partition|This server does not host/i;

/** KafkaAdmin over kafkajs; connects lazily and reconnects after a failure. */
export const createKafkaAdmin = (options: KafkaAdminOptions): KafkaAdmin => {
  const { cluster } = options;
  const { call, close } = createAdminSession({
    ...options,
    clientId: options.clientId ?? `mm2-chatops-${cluster}`,
  });

  const offsetsOfTopic = async (client: Admin, topic: string): Promise<PartitionOffsets[]> => {
    try {
      const offsets = await client.fetchTopicOffsets(topic);
      return offsets.map((o) => ({
        topic,
        partition: o.partition,
        earliest: Number(o.low),
        latest: Number(o.high),
      }));
    } catch (error) {
      if (error instanceof Error && UNKNOWN_TOPIC.test(`${error.name} ${error.message}`)) return [];
      throw error;
    }
  };

  return {
    cluster,
    listTopics: () => call('list topics', (client) => client.listTopics()),
    topicMetadata: (topics) =>
      call('read topic metadata', async (client): Promise<TopicMetadata[]> => {
        if (topics.length === 0) return [];
        const { topics: found } = await client.fetchTopicMetadata({ topics });
        return found.map((t) => ({ name: t.name, partitions: t.partitions.length }));
      }),
    topicOffsets: (topics) =>
      call('read topic offsets', async (client) => {
        const perTopic = await mapLimit(topics, options.concurrency ?? 8, (t) => offsetsOfTopic(client, t));
        return perTopic.flat();
      }),
    listGroups: () =>
      call('list consumer groups', async (client): Promise<ConsumerGroupSummary[]> => {
        const { groups } = await client.listGroups();
        return groups.map((g) => ({ groupId: g.groupId, protocolType: g.protocolType }));
      }),
    groupOffsets: (groupId, topics) =>
      call(`read offsets of group '${groupId}'`, async (client): Promise<GroupOffset[]> => {
        // Without topics the broker returns every committed partition; asking for named topics would
        // make kafkajs look up their metadata, which fails (or auto-creates) for topics the cluster lacks.
        const wanted = topics ? new Set(topics) : undefined;
        const result = await client.fetchOffsets({ groupId });
        return result
          .filter((t) => !wanted || wanted.has(t.topic))
          .flatMap((t) =>
            t.partitions.map((p) => {
              const offset = Number(p.offset);
              return offset >= 0
                ? { topic: t.topic, partition: p.partition, offset }
                : { topic: t.topic, partition: p.partition };
            }),
          );
      }),
    close,
  };
};
