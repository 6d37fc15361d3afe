import { randomBytes } from 'node:crypto';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { AppError } from '../../domain/errors';
import type { StateStore, Versioned, WriteCondition } from '../../ports/state-store';
import { byKey, conflict, validateKey, validatePrefix } from './state-keys';

export interface S3StateStoreOptions {
  client: S3Client;
  bucket: string;
  /** Folder inside the bucket, e.g. `state/` (a missing trailing slash is added). */
  prefix?: string;
}

interface VendorError {
  name?: string;
  code?: string;
  Code?: string;
  $metadata?: { httpStatusCode?: number };
}

const statusOf = (error: unknown) => (error as VendorError)?.$metadata?.httpStatusCode;
const nameOf = (error: unknown) => {
  const e = error as VendorError;
  return e?.name ?? e?.Code ?? e?.code ?? 'error';
};

/**
 * StateStore on S3. Compare-and-set uses S3 conditional writes: `If-None-Match: *` creates only when
 * absent, `If-Match: <etag>` replaces only an unchanged object. Each body carries a random write id,
 * so the ETag (an MD5 of the body) changes on every write, even when the value does not.
 */
export class S3StateStore implements StateStore {
  private readonly client: S3Client;
  private readonly bucket: string;
  private readonly base: string;

  constructor(options: S3StateStoreOptions) {
    this.client = options.client;
    this.bucket = options.bucket;
    const prefix = (options.prefix ?? '').replace(/^\/+/, '');
    this.base = prefix === '' || prefix.endsWith('/') ? prefix : `${prefix}/`;
  }

  async get<T>(key: string): Promise<Versioned<T> | undefined> {
    validateKey(key);
    let text: string;
    let version: string;
    try {
      const out = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: this.base + key }));
      text = (await out.Body?.transformToString('utf8')) ?? '';
      version = out.ETag ?? '';
    } catch (error) {
      if (nameOf(error) === 'NoSuchKey' || statusOf(error) === 404) return undefined;
      throw this.translate(error, `read ${key}`);
    }
    return { value: this.unwrap<T>(key, text), version };
  }

  /** Our envelope `{ value, write }`; a plain JSON object put there by hand is taken as the value. */
  private unwrap<T>(key: string, text: string): T {
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch (error) {
      throw new AppError(
        'STATE_UNAVAILABLE',
        `The state object ${key} in s3://${this.bucket}/${this.base} is not valid JSON.`,
        'Fix or delete it.',
        { cause: error },
      );
    }
    const envelope = body as { value?: unknown; write?: unknown } | null;
    return (
      envelope && typeof envelope === 'object' && 'value' in envelope && 'write' in envelope
        ? envelope.value
        : body
    ) as T;
  }

  async put<T>(key: string, value: T, condition?: WriteCondition): Promise<string> {
    validateKey(key);
    const json = JSON.stringify(value);
    if (json === undefined) throw new AppError('BAD_INPUT', `State ${key}: the value is not JSON.`);
    const write = randomBytes(8).toString('hex');
    try {
      const out = await this.client.send(
        new PutObjectCommand({
          Bucket: this.bucket,
          Key: this.base + key,
          Body: `{"value":${json},"write":"${write}"}`,
          ContentType: 'application/json',
          IfNoneMatch: condition === 'absent' ? '*' : undefined,
          IfMatch: typeof condition === 'object' ? condition.version : undefined,
        }),
      );
      return out.ETag ?? '';
    } catch (error) {
      const status = statusOf(error);
      const name = nameOf(error);
      if (
        status === 412 ||
        name === 'PreconditionFailed' ||
        name === 'ConditionalRequestConflict' ||
        status === 409
      ) {
        // The SDK retries a write whose answer was lost (a timeout under load); when the first attempt
        // landed, the retry meets its own object. That is our write, not another writer's.
        const landed = await this.ownWrite(key, write);
        if (landed !== undefined) return landed;
        throw conflict(key, condition === 'absent' ? 'absent' : 'version');
      }
      // If-Match on a key that no longer exists.
      // (A missing bucket is a configuration error, not a conflict: translate() names MM2_STATE.)
      if (condition !== undefined && name !== 'NoSuchBucket' && (status === 404 || name === 'NoSuchKey'))
        throw conflict(key, 'version');
      throw this.translate(error, `write ${key}`);
    }
  }

  /** The object's ETag when its body carries this write id (our own earlier attempt), else undefined. */
  private async ownWrite(key: string, write: string): Promise<string | undefined> {
    try {
      const out = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: this.base + key }));
      const body = JSON.parse((await out.Body?.transformToString('utf8')) ?? '') as { write?: unknown };
      return body?.write === write ? (out.ETag ?? '') : undefined;
    } catch {
      return undefined; // unreadable or gone: not provably ours, so the conflict stands
    }
  }

  async list(prefix: string): Promise<string[]> {
    validatePrefix(prefix);
    const keys: string[] = [];
    let token: string | undefined;
    try {
      do {
        const out = await this.client.send(
          new ListObjectsV2Command({
            Bucket: this.bucket,
            Prefix: this.base + prefix,
            ContinuationToken: token,
          }),
        );
        for (const o of out.Contents ?? []) if (o.Key) keys.push(o.Key.slice(this.base.length));
        token = out.IsTruncated ? out.NextContinuationToken : undefined;
      } while (token);
    } catch (error) {
      throw this.translate(error, `list ${prefix}`);
    }
    return keys.sort(byKey);
  }

  async delete(key: string): Promise<void> {
    validateKey(key);
    try {
      await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: this.base + key }));
    } catch (error) {
      if (statusOf(error) === 404) return;
      throw this.translate(error, `delete ${key}`);
    }
  }

  private translate(error: unknown, what: string): AppError {
    const status = statusOf(error);
    const name = nameOf(error);
    const where = `s3://${this.bucket}/${this.base}`;
    if (status === undefined)
      return new AppError(
        'STATE_UNAVAILABLE',
        `Could not ${what}: S3 is unreachable (${name}).`,
        `Check the network path to S3 and MM2_STATE (${where}).`,
        { cause: error },
      );
    if (status === 403 || name === 'AccessDenied')
      return new AppError(
        'STATE_UNAVAILABLE',
        `Could not ${what}: access to ${where} is denied.`,
        "Give the bot's role s3:GetObject, PutObject, DeleteObject and ListBucket on the state prefix.",
        { cause: error },
      );
    if (name === 'NoSuchBucket')
      return new AppError(
        'STATE_UNAVAILABLE',
        `Could not ${what}: the bucket does not exist.`,
        `Check MM2_STATE (${where}).`,
        {
          cause: error,
        },
      );
    return new AppError(
      'STATE_UNAVAILABLE',
      `Could not ${what}: S3 answered ${status} ${name}.`,
      `Check MM2_STATE (${where}).`,
      {
        cause: error,
      },
    );
  }
}
