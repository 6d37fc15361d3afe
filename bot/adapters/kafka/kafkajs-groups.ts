import { ConfigResourceTypes } from 'kafkajs';
import type { KafkaGroups } from '../../ports/kafka-groups';
import { createAdminSession } from './admin-session';
import type { KafkaAuth } from './kafka-auth';

export interface KafkaGroupsOptions {
  cluster: string;
  brokers: string[];
  auth?: KafkaAuth;
  connectionTimeoutMs?: number;
  requestTimeoutMs?: number;
}

/** Group membership and topic configs over kafkajs (connects lazily, reconnects after a failure). */
export const createKafkaGroups = (options: KafkaGroupsOptions): KafkaGroups => {
  const { cluster } = options;
  const { call } = createAdminSession({ ...options, clientId: `mm2-chatops-${cluster}-groups` });
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
