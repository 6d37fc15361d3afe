import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { AppError } from '../../domain/errors';
import type { Clock } from '../../domain/clock';
import type { LoadedProfile, ProfileSource } from '../../ports/profile-source';
import { awsError } from '../aws/aws-errors';
import { assembleProfile } from './profile-layout';

export interface S3ProfileSourceOptions {
  client: S3Client;
  /** `s3://bucket/<prefix>profiles/<name>.yml`; templates are read from `s3://bucket/<prefix>templates/`. */
  url: string;
  clock: Clock;
  /** How long a loaded profile is reused before S3 is read again (default 30 s). */
  ttlMs?: number;
}

/** The profile and templates from the S3 config bucket, laid out as connectors/ is on disk. */
export class S3ProfileSource implements ProfileSource {
  private readonly bucket: string;
  private readonly profileKey: string;
  private readonly templatesPrefix: string;
  private cached?: { at: number; loaded: LoadedProfile };

  constructor(private readonly options: S3ProfileSourceOptions) {
    const match = /^s3:\/\/([^/]+)\/(.+)$/.exec(options.url);
    if (!match) throw new AppError('CONFIG_INVALID', `profile URL ${options.url}: expected s3://bucket/key`);
    this.bucket = match[1]!;
    this.profileKey = match[2]!;
    const parent = this.profileKey.split('/').slice(0, -2).join('/');
    this.templatesPrefix = parent ? `${parent}/templates/` : 'templates/';
  }

  async load(): Promise<LoadedProfile> {
    const now = this.options.clock.now();
    if (this.cached && now - this.cached.at < (this.options.ttlMs ?? 30_000)) return this.cached.loaded;
    const name = this.profileKey.split('/').pop() ?? this.profileKey;
    const loaded = await assembleProfile(name, await this.read(this.profileKey), (file) =>
      this.read(`${this.templatesPrefix}${file}`),
    );
    this.cached = { at: now, loaded };
    return loaded;
  }

  private async read(key: string): Promise<string> {
    try {
      const answer = await this.options.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
      return (await answer.Body?.transformToString('utf8')) ?? '';
    } catch (error) {
      const name = (error as { name?: string }).name ?? '';
      if (name === 'NoSuchKey' || name === 'NoSuchBucket') {
        throw new AppError(
          'CONFIG_INVALID',
          `cannot read s3://${this.bucket}/${key}: ${name}`,
          'Upload connectors/ to the config bucket.',
        );
      }
      if (name === 'AccessDenied') {
        throw new AppError(
          'FORBIDDEN',
          `S3 refused to read s3://${this.bucket}/${key}`,
          "The bot's role needs s3:GetObject on the config bucket.",
        );
      }
      throw awsError('S3', `read s3://${this.bucket}/${key}`, error);
    }
  }
}
