import { AppError, isAppError } from '../../domain/errors';

const NETWORK =
  /ECONNREFUSED|ENOTFOUND|ETIMEDOUT|EHOSTUNREACH|ECONNRESET|socket hang up|TimeoutError|getaddrinfo/i;
const NOT_IMPLEMENTED = /not.?implemented|NotImplemented|UnknownOperation|InvalidAction|UnrecognizedClient/i;

export const errorText = (error: unknown): string => {
  if (!(error instanceof Error)) return String(error);
  const code = (error as { code?: string }).code ?? '';
  return `${error.name} ${code} ${error.message}`;
};

/** An API the endpoint does not implement (moto answers these with 500/404 and odd bodies). */
export const isNotImplemented = (error: unknown): boolean => {
  const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
  return (
    NOT_IMPLEMENTED.test(errorText(error)) ||
    status === 501 ||
    (status === 500 && !NETWORK.test(errorText(error)))
  );
};

/** AWS SDK errors -> AppError naming the endpoint (never the credentials). */
export const awsError = (where: string, what: string, error: unknown): AppError => {
  if (isAppError(error)) return error;
  const text = errorText(error);
  if (NETWORK.test(text)) {
    return new AppError(
      'AWS_UNREACHABLE',
      `AWS (${where}) is unreachable while trying to ${what}: ${text.trim()}`,
      'Check the region/endpoint and the network path from the bot to AWS.',
      { cause: error },
    );
  }
  if (
    /AccessDenied|UnrecognizedClient|InvalidClientToken|ExpiredToken|CredentialsProviderError/i.test(text)
  ) {
    return new AppError(
      'FORBIDDEN',
      `AWS (${where}) refused to ${what}: ${text.trim()}`,
      "Check the bot's IAM role: it needs ecs:Describe*, ecr:DescribeImages and application-autoscaling:Describe*.",
      { cause: error },
    );
  }
  return new AppError('INTERNAL', `AWS (${where}) failed to ${what}: ${text.trim()}`, undefined, {
    cause: error,
  });
};
