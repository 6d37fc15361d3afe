import { S3Client } from '@aws-sdk/client-s3';
import type { BotConfig } from '../config/bot-config';
import { FileStateStore } from '../adapters/store/file-state-store';
import { S3StateStore } from '../adapters/store/s3-state-store';
import type { StateStore } from '../ports/state-store';
import { awsClientSettings } from './aws-settings';

export function createStateStore(config: BotConfig): StateStore {
  if (config.state.kind === 'file') return new FileStateStore({ dir: config.state.dir });
  const client = new S3Client({ ...awsClientSettings(config), forcePathStyle: Boolean(config.aws.endpoint) });
  return new S3StateStore({ client, bucket: config.state.bucket, prefix: config.state.prefix });
}
