import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BotConfig } from '../config/bot-config';
import type { KafkaAuth } from '../adapters/kafka/kafka-auth';
import { resolveReferences } from '../adapters/config-providers/provider-references';
import type { KafkaAuthSettings } from '../adapters/kafka/kafka-errors';
import { AppError } from '../domain/errors';
import type { ClusterAuth } from '../domain/profile/profile-schema';

const variable = (side: 'source' | 'target', what: string) => `MM2_${side.toUpperCase()}_KAFKA_${what}`;

function pem(side: 'source' | 'target', dir: string, file: string): string {
  const path = join(dir, file);
  if (!existsSync(path))
    throw new AppError(
      'CONFIG_INVALID',
      `${variable(side, 'TLS_DIR')}: ${path} is missing (the folder needs ca.pem, cert.pem and key.pem)`,
    );
  return readFileSync(path, 'utf8');
}

/**
 * The bot's own read access to a cluster, for the lag report. Connect's credentials stay on the workers
 * (config providers); the bot uses IAM on MSK, plaintext in the lab, and for SCRAM or mTLS clusters the
 * credentials given to it (MM2_<SIDE>_KAFKA_PASSWORD, MM2_<SIDE>_KAFKA_TLS_DIR). Missing ones stop the start.
 */
export function botKafkaAuth(auth: ClusterAuth, config: BotConfig, side: 'source' | 'target'): KafkaAuth {
  const access = config.kafkaAccess[side];
  switch (auth.mode) {
    case 'plaintext':
      return { mode: 'plaintext' };
    case 'iam':
      return { mode: 'iam', region: config.aws.region };
    case 'sasl-scram': {
      if (!access.password)
        throw new AppError(
          'CONFIG_INVALID',
          `${variable(side, 'PASSWORD')} is required: the profile's ${side} cluster uses SASL/SCRAM (user ${auth.username}), and the bot reads offsets there itself.`,
        );
      const mechanism = auth.mechanism === 'SCRAM-SHA-256' ? 'scram-sha-256' : 'scram-sha-512';
      return {
        mode: 'scram',
        mechanism,
        // Connect resolves ${file:...} in the username on the worker; the bot resolves it the same way.
        username: resolveReferences(auth.username, `profile ${side}.auth.username`, config.references),
        password: access.password,
        ...(access.tlsDir ? { ca: pem(side, access.tlsDir, 'ca.pem') } : {}),
      };
    }
    case 'mtls': {
      if (!access.tlsDir)
        throw new AppError(
          'CONFIG_INVALID',
          `${variable(side, 'TLS_DIR')} is required: the profile's ${side} cluster uses mTLS; give a folder with ca.pem, cert.pem and key.pem.`,
        );
      return {
        mode: 'tls',
        ca: pem(side, access.tlsDir, 'ca.pem'),
        cert: pem(side, access.tlsDir, 'cert.pem'),
        key: pem(side, access.tlsDir, 'key.pem'),
      };
    }
  }
}

/** The settings `botKafkaAuth` read for this cluster: error messages name them (never their values). */
export function botKafkaSettings(auth: ClusterAuth, side: 'source' | 'target'): KafkaAuthSettings {
  switch (auth.mode) {
    case 'plaintext':
      return {};
    case 'iam':
      return { identity: "the bot's AWS credentials (its task role)" };
    case 'sasl-scram':
      return { password: variable(side, 'PASSWORD'), tls: variable(side, 'TLS_DIR') };
    case 'mtls':
      return { tls: variable(side, 'TLS_DIR') };
  }
}
