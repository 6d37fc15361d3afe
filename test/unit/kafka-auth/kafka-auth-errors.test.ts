// Issue 13: authentication and TLS failures name the cluster and the setting to fix, never a secret.
// The messages below are the ones kafkajs and Node produced against the lab's SCRAM and mTLS listeners.
import { kafkaError } from '../../../bot/adapters/kafka/kafka-errors';
import { botKafkaSettings } from '../../../bot/wiring/kafka-auth';

const retries = (message: string) =>
  Object.assign(new Error(message), { name: 'KafkaJSNumberOfRetriesExceeded', cause: new Error(message) });
const OPENSSL = (alert: string, n: number) =>
  `Connection error: 80EC8FB75B7F0000:error:0A000416:SSL routines:ssl3_read_bytes:sslv3 alert ${alert}:../deps/openssl/openssl/ssl/record/rec_layer_s3.c:1601:SSL alert number ${n}\n`;
const scram = botKafkaSettings(
  { mode: 'sasl-scram', mechanism: 'SCRAM-SHA-512', username: 'mm2', password: '${file:/x:password}' },
  'source',
);
const mtls = botKafkaSettings(
  { mode: 'mtls', storeType: 'PEM', truststoreLocation: '/s/t.pem', keystoreLocation: '/s/k.pem' },
  'target',
);

describe('Kafka authentication errors', () => {
  it('a wrong SCRAM password names the cluster and MM2_<SIDE>_KAFKA_PASSWORD', () => {
    const err = Object.assign(
      new Error(
        'SASL SCRAM SHA512 authentication failed: Authentication failed during authentication due to invalid credentials with SASL mechanism SCRAM-SHA-512',
      ),
      { name: 'KafkaJSSASLAuthenticationError' },
    );
    const mapped = kafkaError('source', ['b:9096'], 'list topics', err, scram);
    expect(mapped.code).toBe('KAFKA_UNREACHABLE');
    expect(mapped.message).toMatch(
      /^Kafka cluster 'source' refused the bot \(the password in MM2_SOURCE_KAFKA_PASSWORD\)/,
    );
    expect(mapped.hint).toContain('MM2_SOURCE_KAFKA_PASSWORD');
  });

  it.each([
    ['certificate unknown', 46],
    ['bad certificate', 42],
    ['unknown ca', 48],
  ])('a client certificate the brokers refuse (alert %s) names MM2_<SIDE>_KAFKA_TLS_DIR', (alert, n) => {
    const mapped = kafkaError('target', ['b:9094'], 'list topics', retries(OPENSSL(alert, n)), mtls);
    expect(mapped.message).toBe(
      `Kafka cluster 'target' (b:9094) refused the bot's client certificate (from MM2_TARGET_KAFKA_TLS_DIR) while trying to list topics: alert ${alert}.`,
    );
    expect(mapped.hint).toMatch(/MM2_TARGET_KAFKA_TLS_DIR: cert.pem and key.pem/);
    expect(mapped.message).not.toMatch(/openssl|rec_layer/);
  });

  it("a broker certificate the bot does not trust names the CA file's setting", () => {
    const mapped = kafkaError(
      'source',
      ['b:9096'],
      'fetch offsets',
      retries('Connection error: unable to verify the first certificate'),
      scram,
    );
    expect(mapped.message).toBe(
      "The bot does not trust the certificate of Kafka cluster 'source' (b:9096) (checked against ca.pem in MM2_SOURCE_KAFKA_TLS_DIR) while trying to fetch offsets: unable to verify the first certificate.",
    );
  });

  it('IAM failures point at the AWS identity; plaintext keeps the generic advice', () => {
    const denied = Object.assign(new Error('SASL OAUTHBEARER authentication failed: Access denied'), {
      name: 'KafkaJSSASLAuthenticationError',
    });
    const iam = kafkaError(
      'target',
      ['b:9098'],
      'list topics',
      denied,
      botKafkaSettings({ mode: 'iam' }, 'target'),
    );
    expect(iam.message).toContain("(the bot's AWS credentials (its task role))");
    expect(kafkaError('target', ['b:9092'], 'list topics', denied).hint).toMatch(/credentials and ACLs/);
    expect(botKafkaSettings({ mode: 'plaintext' }, 'source')).toEqual({});
  });
});
