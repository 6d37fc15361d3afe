import fc from 'fast-check';

const chars = (s: string) => fc.constantFrom(...s.split(''));
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const UPPER_ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const DIGITS = '0123456789';

const stringOf = (alphabet: string, minLength: number, maxLength = minLength) =>
  fc.string({ unit: chars(alphabet), minLength, maxLength });

/** A password: printable, no quotes, whitespace, backslashes or list separators. */
export const password = stringOf(`${ALNUM}!#%*+-./?@^_~:=`, 8, 32);

/** Keys whose values must be hidden, as they appear in Kafka, Connect, AWS, Slack and HTTP configs. */
export const secretKey = fc.constantFrom(
  'password',
  'ssl.keystore.password',
  'ssl.truststore.password',
  'ssl.key.password',
  'consumer.override.ssl.key.password',
  'client_secret',
  'clientSecret',
  'apiToken',
  'SLACK_BOT_TOKEN',
  'SLACK_APP_TOKEN',
  'aws_secret_access_key',
  'AWS_SESSION_TOKEN',
  'db.credentials',
  'x-api-key',
  'secret',
  'sasl.jaas.config',
  'passphrase',
);

export const loginModule = fc.constantFrom(
  'org.apache.kafka.common.security.scram.ScramLoginModule',
  'org.apache.kafka.common.security.plain.PlainLoginModule',
  'org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule',
);

/** Text that surrounds a secret: anything, including unicode and JSON/markup characters. */
export const noise = fc.string({ unit: 'grapheme', maxLength: 40 });

export const slackToken = fc.oneof(
  fc
    .tuple(fc.constantFrom('xoxb', 'xoxp'), stringOf(DIGITS, 10), stringOf(DIGITS, 13), stringOf(ALNUM, 24))
    .map(([kind, a, b, c]) => `${kind}-${a}-${b}-${c}`),
  fc
    .tuple(stringOf(ALNUM, 10), stringOf(DIGITS, 13), stringOf('0123456789abcdef', 64))
    .map(([a, b, c]) => `xapp-1-A${a}-${b}-${c}`),
  stringOf(ALNUM, 40, 60).map((s) => `xoxe.xoxp-1-${s}`),
  stringOf(ALNUM, 40, 60).map((s) => `xoxe-1-${s}`),
);

export const awsAccessKeyId = fc
  .tuple(fc.constantFrom('AKIA', 'ASIA'), stringOf(UPPER_ALNUM, 16))
  .map(([p, s]) => p + s);

export const awsSecretKey = stringOf(`${ALNUM}/+`, 40).filter((s) => /[A-Z]/.test(s) && /[a-z]/.test(s));

export const bearerToken = stringOf(`${ALNUM}-._~+/`, 16, 80);

export const providerReference = fc.oneof(
  fc
    .tuple(stringOf(ALNUM, 1, 12), stringOf(ALNUM, 1, 12))
    .map(([f, k]) => `\${file:/secrets/${f}.properties:${k}}`),
  stringOf(UPPER_ALNUM, 1, 12).map((v) => `\${env:${v}}`),
  stringOf(ALNUM, 1, 12).map((k) => `\${directory:/mnt/secrets:${k}}`),
);
