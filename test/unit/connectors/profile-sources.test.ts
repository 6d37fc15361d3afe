import { PutObjectCommand } from '@aws-sdk/client-s3';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { FileProfileSource, templatesDirFor } from '../../../bot/adapters/profile-files/file-profile-source';
import { S3ProfileSource } from '../../../bot/adapters/profile-files/s3-profile-source';
import { startMoto, type MotoServer } from '../../support/moto';
import { createBucket, motoS3Client } from '../../support/s3-client';
import { ROOT } from './helpers';

jest.setTimeout(60_000);

const filesUnder = (dir: string): string[] =>
  readdirSync(dir).flatMap((f) => {
    const path = join(dir, f);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });

describe('FileProfileSource', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'mm2-profile-'));
    cpSync(join(ROOT, 'connectors'), dir, { recursive: true });
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('finds the templates next to the profiles folder and reuses the parse until a file changes', async () => {
    const profileFile = join(dir, 'profiles/lab.yml');
    expect(templatesDirFor(profileFile)).toBe(join(dir, 'templates'));
    const source = new FileProfileSource({ profileFile });
    const first = await source.load();
    expect(first.profile.connectors.source).toBe('mm2-source');
    expect(first.templates.auth.mtls.file).toBe('auth/mtls.yml');
    expect(await source.load()).toBe(first);
    writeFileSync(profileFile, readFileSync(profileFile, 'utf8').replace('tasksMax: 2', 'tasksMax: 3'));
    const second = await source.load();
    expect(second).not.toBe(first);
    expect(second.profile.tasksMax).toBe(3);
  });

  it('names a missing template and a bad field', async () => {
    const profileFile = join(dir, 'profiles/lab.yml');
    rmSync(join(dir, 'templates/auth/iam.yml'));
    await expect(new FileProfileSource({ profileFile }).load()).rejects.toThrow(
      /cannot read .*auth\/iam.yml: ENOENT/,
    );
    writeFileSync(
      profileFile,
      readFileSync(profileFile, 'utf8').replace('alias: target', 'alias: "no spaces"'),
    );
    await expect(new FileProfileSource({ profileFile }).load()).rejects.toThrow(
      'profile lab.yml: target.alias:',
    );
  });
});

describe('S3ProfileSource on moto', () => {
  let moto: MotoServer;
  const bucket = 'mm2-config-test';
  beforeAll(async () => {
    moto = await startMoto();
    const client = motoS3Client(moto.endpoint);
    await createBucket(client, bucket);
    const base = join(ROOT, 'connectors');
    for (const file of filesUnder(base)) {
      const key = `migration-a/${relative(base, file)}`;
      await client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: readFileSync(file) }));
    }
  });
  afterAll(async () => moto?.stop());

  it('loads the profile and templates laid out as connectors/ is, and caches for the TTL', async () => {
    let now = 0;
    const client = motoS3Client(moto.endpoint);
    const sent = jest.spyOn(client, 'send');
    const source = new S3ProfileSource({
      client,
      url: `s3://${bucket}/migration-a/profiles/lab.yml`,
      clock: { now: () => now },
      ttlMs: 1000,
    });
    const loaded = await source.load();
    expect(loaded.profile.name).toBe('lab');
    expect(loaded.templates.connectors.source.text).toContain('IdentityReplicationPolicy');
    expect(sent).toHaveBeenCalledTimes(8);
    await source.load();
    expect(sent).toHaveBeenCalledTimes(8);
    now = 1500;
    await source.load();
    expect(sent).toHaveBeenCalledTimes(16);
  });

  it('names the missing object', async () => {
    const source = new S3ProfileSource({
      client: motoS3Client(moto.endpoint),
      url: `s3://${bucket}/migration-b/profiles/lab.yml`,
      clock: { now: () => 0 },
    });
    await expect(source.load()).rejects.toMatchObject({
      code: 'CONFIG_INVALID',
      message: `cannot read s3://${bucket}/migration-b/profiles/lab.yml: NoSuchKey`,
    });
    expect(
      () =>
        new S3ProfileSource({ client: motoS3Client(moto.endpoint), url: 'lab.yml', clock: { now: () => 0 } }),
    ).toThrow('expected s3://bucket/key');
  });
});
