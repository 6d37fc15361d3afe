import { AppError, isAppError } from '../../domain/errors';

const UNREACHABLE =
  /Connection|ECONNREFUSED|ENOTFOUND|ETIMEDOUT|EHOSTUNREACH|NumberOfRetriesExceeded|BrokerNotFound|Request timed out|connect/i;
const AUTH =
  /SASL|Authentication|SaslAuthenticationFailed|TopicAuthorizationFailed|GroupAuthorizationFailed/i;

const describe = (error: unknown): string => {
  if (!(error instanceof Error)) return String(error);
  const cause = (error as { originalError?: unknown }).originalError ?? error.cause;
  const inner = cause instanceof Error && cause.message !== error.message ? ` (${cause.message})` : '';
  return `${error.name}: ${error.message}${inner}`;
};

/** Translates kafkajs errors into AppErrors naming the cluster (never its credentials). */
export const kafkaError = (cluster: string, brokers: string[], what: string, error: unknown): AppError => {
  if (isAppError(error)) return error;
  const detail = describe(error);
  if (AUTH.test(detail)) {
    return new AppError(
      'KAFKA_UNREACHABLE',
      `Kafka cluster '${cluster}' refused the bot while trying to ${what}: ${detail}`,
      'Check the credentials and ACLs configured for this cluster.',
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
