import type { BotConfig } from '../config/bot-config';

/** Region and endpoint for every AWS client; the lab's moto takes any static credentials. */
export function awsClientSettings(config: BotConfig): {
  region: string;
  endpoint?: string;
  credentials?: { accessKeyId: string; secretAccessKey: string };
} {
  const { region, endpoint, labCredentials } = config.aws;
  return {
    region,
    ...(endpoint ? { endpoint } : {}),
    ...(labCredentials ? { credentials: { accessKeyId: 'lab', secretAccessKey: 'lab' } } : {}),
  };
}
