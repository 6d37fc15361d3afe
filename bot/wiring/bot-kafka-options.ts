import { resolveReferences } from '../adapters/config-providers/provider-references';
import type { KafkaAdminOptions } from '../adapters/kafka/kafkajs-admin';
import type { BotConfig } from '../config/bot-config';
import type { Profile } from '../domain/profile/profile-schema';
import { botKafkaAuth, botKafkaSettings } from './kafka-auth';

const KAFKA_TIMEOUT = 'MM2_KAFKA_TIMEOUT_SECONDS';

/** Each Kafka request's budget; connecting gets at most 3 s of it (an unreachable broker shows fast). */
export const kafkaBudget = (config: BotConfig) => ({
  requestTimeoutMs: config.timeouts.kafkaMs,
  connectionTimeoutMs: Math.min(config.timeouts.kafkaMs, 3000),
});

/**
 * How the bot's own Kafka clients (lag, cutover gates and groups) reach one cluster of the profile: its
 * brokers with the profile's references resolved (${env:MM2_<SIDE>_BOOTSTRAP_SERVERS} in AWS profiles and
 * lab.yml), the bot's credentials, the request budget, and the settings errors name.
 */
export function botKafkaOptions(
  profile: Profile,
  config: BotConfig,
  cluster: 'source' | 'target',
): KafkaAdminOptions & { cluster: 'source' | 'target' } {
  return {
    cluster,
    brokers: resolveReferences(
      profile[cluster].bootstrapServers,
      `profile ${cluster}.bootstrapServers`,
      config.references,
    ).split(','),
    auth: botKafkaAuth(profile[cluster].auth, config, cluster),
    ...kafkaBudget(config),
    authSettings: { ...botKafkaSettings(profile[cluster].auth, cluster), timeout: KAFKA_TIMEOUT },
  };
}
