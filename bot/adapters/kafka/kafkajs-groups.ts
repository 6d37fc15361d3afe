import { ConfigResourceTypes, Kafka, logLevel, type Admin } from 'kafkajs';
import type { KafkaGroups } from '../../ports/kafka-groups';
import { securityFor, type KafkaAuth } from './kafka-auth';
import { kafkaError } from './kafka-errors';

export interface KafkaGroupsOptions {
  cluster: string;
  brokers: string[];
  auth?: KafkaAuth;
}

/** Group membership and topic configs over kafkajs (connects lazily, reconnects after a failure). */
export const createKafkaGroups = (options: KafkaGroupsOptions): KafkaGroups => {
  const { cluster, brokers } = options;
  const kafka = new Kafka({
    clientId: `mm2-chatops-${cluster}-groups`,
    brokers,
    ...securityFor(options.auth ?? { mode: 'plaintext' }),
    connectionTimeout: 3000,
    requestTimeout: 15000,
    retry: { retries: 2, initialRetryTime: 200, maxRetryTime: 2000 },
    logLevel: logLevel.NOTHING,
  });
  let connected: Promise<Admin> | undefined;
  const admin = (): Promise<Admin> => {
    if (!connected) {
      const client = kafka.admin();
      connected = client.connect().then(() => client);
      connected.catch(() => (connected = undefined));
    }
    return connected;
  };
  const call = async <T>(what: string, fn: (client: Admin) => Promise<T>): Promise<T> => {
    try {
      return await fn(await admin());
    } catch (error) {
      const mapped = kafkaError(cluster, brokers, what, error);
      if (mapped.code === 'KAFKA_UNREACHABLE') connected = undefined;
      throw mapped;
    }
  };
  return {
    cluster,
    describeGroups: (groupIds) =>
      call('describe consumer groups', async (client) => {
        if (groupIds.length === 0) return [];
        const { groups } = await client.describeGroups(groupIds);
        return groups.map((g) => ({
          groupId: g.groupId,
          state: g.state,
          members: g.members.map((m) => ({ memberId: m.memberId, clientId: m.clientId, host: m.clientHost })),
        }));
      }),
    topicConfigs: (topics) =>
      call('describe topic configs', async (client) => {
        if (topics.length === 0) return [];
        const out = await client.describeConfigs({
          includeSynonyms: false,
          resources: topics.map((name) => ({ type: ConfigResourceTypes.TOPIC, name })),
        });
        return out.resources
          .filter((r) => r.errorCode === 0)
          .map((r) => ({
            topic: r.resourceName,
            configs: Object.fromEntries(
              r.configEntries
                .filter((e) => !e.isDefault && e.configValue !== null)
                .map((e) => [e.configName, e.configValue]),
            ),
          }));
      }),
  };
};
