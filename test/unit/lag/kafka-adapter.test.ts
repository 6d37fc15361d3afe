import { kafkaError } from '../../../bot/adapters/kafka/kafka-errors';
import { securityFor } from '../../../bot/adapters/kafka/kafka-auth';
import { createKafkaAdmin } from '../../../bot/adapters/kafka/kafkajs-admin';
import { closedPort } from './http-stub';

describe('Kafka admin adapter', () => {
  it('maps connection failures to KAFKA_UNREACHABLE naming the cluster', async () => {
    const port = await closedPort();
    const admin = createKafkaAdmin({
      cluster: 'source',
      brokers: [`127.0.0.1:${port}`],
      retries: 0,
      connectionTimeoutMs: 500,
    });
    try {
      const error = await admin.listTopics().catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'KAFKA_UNREACHABLE' });
      expect((error as Error).message).toMatch(
        new RegExp(`Kafka cluster 'source' \\(127.0.0.1:${port}\\) is unreachable`),
      );
    } finally {
      await admin.close();
    }
  });

  it('keeps credentials out of error messages', () => {
    const err = Object.assign(new Error('SASL SCRAM SHA256 authentication failed'), {
      name: 'KafkaJSSASLAuthenticationError',
    });
    const mapped = kafkaError('target', ['b-1:9096'], 'list topics', err);
    expect(mapped.code).toBe('KAFKA_UNREACHABLE');
    expect(mapped.message).toMatch(/Kafka cluster 'target' refused the bot/);
    expect(mapped.hint).toMatch(/credentials/);
  });

  it('builds the security options of each auth mode', async () => {
    expect(securityFor({ mode: 'plaintext' })).toEqual({});
    expect(securityFor({ mode: 'tls' })).toEqual({ ssl: true });
    expect(securityFor({ mode: 'tls', ca: 'CA' })).toEqual({ ssl: { ca: ['CA'] } });
    expect(securityFor({ mode: 'scram', mechanism: 'scram-sha-512', username: 'u', password: 'p' })).toEqual({
      ssl: true,
      sasl: { mechanism: 'scram-sha-512', username: 'u', password: 'p' },
    });
    const iam = securityFor({ mode: 'iam', region: 'eu-west-1' });
    expect(iam.ssl).toBe(true);
    expect(iam.sasl?.mechanism).toBe('oauthbearer');
    expect(typeof (iam.sasl as { oauthBearerProvider?: unknown }).oauthBearerProvider).toBe('function');
  });
});
