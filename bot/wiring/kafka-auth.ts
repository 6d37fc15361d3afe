import type { BotConfig } from '../config/bot-config';
import type { KafkaAuth } from '../adapters/kafka/kafka-auth';
import type { ClusterAuth } from '../usecases/profile/profile-schema';

/**
 * The bot's own access to a cluster, from the profile's auth mode. Connect's credentials stay on the
 * workers (config providers); the bot reads offsets with IAM on MSK, or plaintext in the lab. SCRAM and
 * mTLS clusters are reached over TLS without client credentials until the bot gets its own.
 */
export function botKafkaAuth(auth: ClusterAuth, config: BotConfig): KafkaAuth {
  switch (auth.mode) {
    case 'plaintext':
      return { mode: 'plaintext' };
    case 'iam':
      return { mode: 'iam', region: config.aws.region };
    default:
      return { mode: 'tls' };
  }
}
