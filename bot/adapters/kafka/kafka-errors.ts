import { AppError, isAppError } from '../../domain/errors';

/** Where the bot's credentials for one cluster come from (setting names, never values): for messages. */
export interface KafkaAuthSettings {
  /** e.g. MM2_SOURCE_KAFKA_PASSWORD (SASL/SCRAM). */
  password?: string;
  /** e.g. MM2_SOURCE_KAFKA_TLS_DIR (ca.pem, and cert.pem + key.pem for mTLS). */
  tls?: string;
  /** e.g. "the AWS credentials of the bot's task role" (IAM). */
  identity?: string;
  /** e.g. MM2_KAFKA_TIMEOUT_SECONDS: the request budget, named when a request times out. */
  timeout?: string;
}

const UNREACHABLE =
  /Connection|ECONNREFUSED|ENOTFOUND|ETIMEDOUT|EHOSTUNREACH|NumberOfRetriesExceeded|BrokerNotFound|Request timed out|connect/i;
const SASL =
  /SASL|Authentication|SaslAuthenticationFailed|TopicAuthorizationFailed|GroupAuthorizationFailed/i;

/** The broker refused the certificate the bot presented (TLS alerts 42, 46, 48, 116), or sent none. */
const CLIENT_CERT_REFUSED =
  /alert (bad certificate|certificate unknown|unknown ca|certificate required|certificate expired|certificate revoked)/i;
/** The bot does not trust the broker's certificate, or the name in it. */
const SERVER_CERT_UNTRUSTED =
  /self[- ]signed certificate|unable to verify the first certificate|unable to get (local )?issuer certificate|certificate has expired|altnames|CERT_|DEPTH_ZERO/i;

const describe = (error: unknown): string => {
  if (!(error instanceof Error)) return String(error);
  const cause = (error as { originalError?: unknown }).originalError ?? error.cause;
  const inner = cause instanceof Error && cause.message !== error.message ? ` (${cause.message})` : '';
  return `${error.name}: ${error.message}${inner}`;
};

/** OpenSSL's messages carry a library address and a source path: keep the words a person can act on. */
const tlsReason = (detail: string): string =>
  (CLIENT_CERT_REFUSED.exec(detail) ?? SERVER_CERT_UNTRUSTED.exec(detail))?.[0] ?? 'TLS handshake failed';

const setting = (name: string | undefined, fallback: string) => name ?? fallback;
/** The setting goes into the message itself: some views show the message without the hint. */
const from = (tls: string | undefined) => (tls ? ` (from ${tls})` : '');
const against = (tls: string | undefined) => (tls ? ` (checked against ca.pem in ${tls})` : '');
const login = (s: KafkaAuthSettings) =>
  s.password ? ` (the password in ${s.password})` : s.identity ? ` (${s.identity})` : '';

/** Translates kafkajs errors into AppErrors naming the cluster and the setting to fix (never its value). */
export const kafkaError = (
  cluster: string,
  brokers: string[],
  what: string,
  error: unknown,
  settings: KafkaAuthSettings = {},
): AppError => {
  if (isAppError(error)) return error;
  const detail = describe(error);
  if (CLIENT_CERT_REFUSED.test(detail)) {
    return new AppError(
      'KAFKA_UNREACHABLE',
      `Kafka cluster '${cluster}' (${brokers.join(',')}) refused the bot's client certificate${from(settings.tls)} while trying to ${what}: ${tlsReason(detail)}.`,
      `Check ${setting(settings.tls, "the bot's TLS settings for this cluster")}: cert.pem and key.pem must be a client certificate signed by a CA the brokers trust.`,
      { cause: error },
    );
  }
  if (SERVER_CERT_UNTRUSTED.test(detail)) {
    return new AppError(
      'KAFKA_UNREACHABLE',
      `The bot does not trust the certificate of Kafka cluster '${cluster}' (${brokers.join(',')})${against(settings.tls)} while trying to ${what}: ${tlsReason(detail)}.`,
      `Check ${setting(settings.tls, "the bot's TLS settings for this cluster")}: ca.pem must hold the CA that signed the brokers' certificates.`,
      { cause: error },
    );
  }
  if (SASL.test(detail)) {
    const check = settings.password
      ? `Check ${settings.password} (the password of the profile's user for this cluster) and its ACLs.`
      : settings.identity
        ? `Check ${settings.identity} and the IAM policy for this cluster.`
        : 'Check the credentials and ACLs configured for this cluster.';
    return new AppError(
      'KAFKA_UNREACHABLE',
      `Kafka cluster '${cluster}' refused the bot${login(settings)} while trying to ${what}: ${detail}`,
      check,
      { cause: error },
    );
  }
  if (settings.timeout && /timed out|timeout/i.test(detail)) {
    return new AppError(
      'KAFKA_UNREACHABLE',
      `Kafka cluster '${cluster}' (${brokers.join(',')}) did not answer in time (${settings.timeout}) while trying to ${what}: ${detail}`,
      `Check the brokers' load and the network path; raise ${settings.timeout} if they are just slow.`,
      { cause: error },
    );
  }
  if (UNREACHABLE.test(detail)) {
    return new AppError(
      'KAFKA_UNREACHABLE',
      `Kafka cluster '${cluster}' (${brokers.join(',')}) is unreachable while trying to ${what}: ${detail}`,
      'Check the bootstrap servers, the network path and the security settings (TLS/SASL) for this cluster.',
      { cause: error },
    );
  }
  return new AppError('INTERNAL', `Kafka cluster '${cluster}' failed to ${what}: ${detail}`, undefined, {
    cause: error,
  });
};
