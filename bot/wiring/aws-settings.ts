import type { BotConfig } from '../config/bot-config';

/**
 * Region, endpoint and timeouts for every AWS client; the lab's moto takes any static credentials.
 * Without a request timeout one hung socket would stall decisions, audit commits and sweeps.
 */
export function awsClientSettings(config: BotConfig): {
  region: string;
  endpoint?: string;
  credentials?: { accessKeyId: string; secretAccessKey: string };
  requestHandler: { requestTimeout: number; connectionTimeout: number; throwOnRequestTimeout: true };
  maxAttempts: number;
} {
  const { region, endpoint, labCredentials, requestTimeoutMs } = config.aws;
  return {
    region,
    requestHandler: {
      requestTimeout: requestTimeoutMs,
      connectionTimeout: Math.min(requestTimeoutMs, 3000),
      // Without it the SDK only logs a warning and keeps waiting.
      throwOnRequestTimeout: true,
    },
    maxAttempts: 2,
    ...(endpoint ? { endpoint } : {}),
    ...(labCredentials ? { credentials: { accessKeyId: 'lab', secretAccessKey: 'lab' } } : {}),
  };
}
