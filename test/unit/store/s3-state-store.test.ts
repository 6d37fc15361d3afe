import { randomUUID } from 'node:crypto';
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { S3StateStore } from '../../../bot/adapters/store/s3-state-store';
import { isAppError } from '../../../bot/domain/errors';
import { freePort, startMoto, type MotoServer } from '../../support/moto';
import { createBucket, motoS3Client } from '../../support/s3-client';
import { stateStoreContract } from './contract';

jest.setTimeout(60_000);

let moto: MotoServer;
const BUCKET = 'mm2-state-test';

beforeAll(async () => {
  moto = await startMoto();
  await createBucket(motoS3Client(moto.endpoint), BUCKET);
});
afterAll(async () => moto?.stop());

// Each test gets its own prefix in one bucket, so the tests also prove the prefix isolates stores.
// moto honours If-None-Match / If-Match but checks and then writes without a lock (moto/s3/responses.py,
// put_object): concurrent conditional writes are not serialised there (seen: 2 winners out of 20
// concurrent creates in about 1 round in 100), unlike real S3. The contract asserts what moto guarantees.
stateStoreContract(
  'S3StateStore on moto',
  () =>
    new S3StateStore({ client: motoS3Client(moto.endpoint), bucket: BUCKET, prefix: `t-${randomUUID()}/` }),
  { atomicConditionalWrites: false },
);

describe('S3StateStore errors', () => {
  test('an unreachable endpoint is STATE_UNAVAILABLE with a hint naming the bucket', async () => {
    const port = await freePort();
    const store = new S3StateStore({
      client: motoS3Client(`http://127.0.0.1:${port}`),
      bucket: 'b',
      prefix: 'p',
    });
    const error = await store.get('x.json').catch((e: unknown) => e);
    expect(isAppError(error, 'STATE_UNAVAILABLE')).toBe(true);
    expect((error as { hint?: string }).hint).toContain('s3://b/p/');
  });

  test('a missing bucket is STATE_UNAVAILABLE, not a crash', async () => {
    const store = new S3StateStore({ client: motoS3Client(moto.endpoint), bucket: 'no-such-bucket-here' });
    await expect(store.put('x.json', 1)).rejects.toMatchObject({ code: 'STATE_UNAVAILABLE' });
    // A conditional write too: the bucket is named, it is not reported as another writer's change.
    for (const condition of ['absent', { version: '"etag"' }] as const)
      await expect(store.put('x.json', 1, condition)).rejects.toMatchObject({
        code: 'STATE_UNAVAILABLE',
        message: expect.stringContaining('the bucket does not exist'),
      });
  });

  test('a hand-written plain JSON object is read as the value; a non-JSON one is a clear error', async () => {
    const client = motoS3Client(moto.endpoint);
    const prefix = `raw-${randomUUID()}/`;
    await client.send(new PutObjectCommand({ Bucket: BUCKET, Key: `${prefix}plain.json`, Body: '{"n":1}' }));
    await client.send(
      new PutObjectCommand({ Bucket: BUCKET, Key: `${prefix}broken.json`, Body: 'not json' }),
    );
    const store = new S3StateStore({ client, bucket: BUCKET, prefix });
    const plain = await store.get<{ n: number }>('plain.json');
    expect(plain?.value).toEqual({ n: 1 });
    await store.put('plain.json', { n: 2 }, { version: plain!.version });
    expect((await store.get('plain.json'))?.value).toEqual({ n: 2 });
    await expect(store.get('broken.json')).rejects.toMatchObject({
      code: 'STATE_UNAVAILABLE',
      message: expect.stringContaining('not valid JSON'),
    });
  });

  test('the prefix is prepended in the bucket and stripped from listed keys', async () => {
    const prefix = `iso-${randomUUID()}`;
    const a = new S3StateStore({ client: motoS3Client(moto.endpoint), bucket: BUCKET, prefix });
    const b = new S3StateStore({
      client: motoS3Client(moto.endpoint),
      bucket: BUCKET,
      prefix: `${prefix}-other/`,
    });
    await a.put('k/one.json', 1);
    expect(await a.list('k/')).toEqual(['k/one.json']);
    expect(await b.list('k/')).toEqual([]);
  });

  test('a conditional write retried after its answer was lost is ours, not a conflict; a real writer still conflicts', async () => {
    const real = motoS3Client(moto.endpoint);
    // What the SDK does when the first PUT's answer is lost: the same request (same body) again.
    let resent = false;
    const losesFirstAnswer = {
      send: async (command: unknown) => {
        if (command instanceof PutObjectCommand && !resent) {
          resent = true;
          await real.send(command);
        }
        return real.send(command as PutObjectCommand);
      },
    } as unknown as S3Client;
    const prefix = `retry-${randomUUID()}/`;
    const store = new S3StateStore({ client: losesFirstAnswer, bucket: BUCKET, prefix });
    const version = await store.put('a.json', { n: 1 }, 'absent');
    expect(resent).toBe(true);
    expect((await store.get('a.json'))?.version).toBe(version);
    const other = new S3StateStore({ client: real, bucket: BUCKET, prefix });
    const error = await other.put('a.json', { n: 2 }, 'absent').catch((e: unknown) => e);
    expect(isAppError(error, 'STATE_CONFLICT')).toBe(true);
  });
});
