// Defect 3 of issue 14: the bot resolves the profile's Connect config provider references for its own use
// (broker addresses, its SCRAM username) the way the workers' providers do, instead of using them literally.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import {
  parseProperties,
  resolveReferences,
} from '../../../bot/adapters/config-providers/provider-references';
import { referenceSourcesFrom } from '../../../bot/config/reference-sources';
import { botKafkaAuth } from '../../../bot/wiring/kafka-auth';
import { loadConfig } from '../../../bot/config/load-config';
import { parseProfile } from '../../../bot/domain/profile/parse-profile';
import { ROOT } from './helpers';

const none = referenceSourcesFrom({});

describe('resolveReferences', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'mm2-refs-'));
    mkdirSync(join(dir, 'tls'));
    writeFileSync(join(dir, 'scram.properties'), 'username = mm2-replicator\npassword: s3cr3t\n');
    writeFileSync(join(dir, 'tls/keystore.password'), 'pem-pass');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('resolves ${env:MM2_*} from the bot environment (the stack sets the bootstrap servers)', () => {
    const sources = referenceSourcesFrom({
      MM2_TARGET_BOOTSTRAP_SERVERS: 'b-1.msk:9098,b-2.msk:9098',
      PATH: '/bin',
    });
    expect(
      resolveReferences('${env:MM2_TARGET_BOOTSTRAP_SERVERS}', 'profile target.bootstrapServers', sources),
    ).toBe('b-1.msk:9098,b-2.msk:9098');
    expect(sources.env).not.toHaveProperty('PATH');
  });

  it('resolves ${file:path:key} as a properties file and ${directory:dir:file} as a whole file', () => {
    expect(resolveReferences(`\${file:${dir}/scram.properties:username}`, 'u', none)).toBe('mm2-replicator');
    expect(resolveReferences(`\${file:${dir}/scram.properties:password}`, 'p', none)).toBe('s3cr3t');
    expect(resolveReferences(`\${directory:${dir}/tls:keystore.password}`, 'k', none)).toBe('pem-pass');
    expect(resolveReferences('plain-user', 'u', none)).toBe('plain-user');
  });

  it('reads /opt/secrets files from the secret files the task was given (MM2_SECRET_FILES), binary-safe', () => {
    const sources = referenceSourcesFrom({
      MM2_SECRET_FILES: 'source-scram.properties=MM2_SECRET_FILE_0 tls/ks.p12=MM2_SECRET_FILE_1:base64',
      MM2_SECRET_FILE_0: 'username=mm2-replicator\npassword=x',
      MM2_SECRET_FILE_1: Buffer.from([0, 1, 2, 255]).toString('base64'),
    });
    expect(
      resolveReferences(
        '${file:/opt/secrets/source-scram.properties:username}',
        'profile source.auth.username',
        sources,
      ),
    ).toBe('mm2-replicator');
    expect([...sources.secretFiles.get('tls/ks.p12')!]).toEqual([0, 1, 2, 255]);
  });

  it('fails naming the setting and what to do, never the value', () => {
    expect(() => resolveReferences('${env:MM2_NOPE}', 'profile source.bootstrapServers', none)).toThrow(
      'profile source.bootstrapServers: ${env:MM2_NOPE} cannot be resolved: MM2_NOPE is not set for the bot',
    );
    expect(() => resolveReferences('${env:AWS_SECRET_ACCESS_KEY}', 'x', none)).toThrow(
      /only MM2_\* variables/,
    );
    expect(() => resolveReferences(`\${file:${dir}/scram.properties:nokey}`, 'x', none)).toThrow(
      /has no key nokey/,
    );
    expect(() =>
      resolveReferences(
        '${file:/opt/secrets/missing.properties:username}',
        'profile source.auth.username',
        none,
      ),
    ).toThrow(
      /profile source.auth.username: .* \/opt\/secrets\/missing.properties is not readable by the bot/,
    );
    expect(() => referenceSourcesFrom({ MM2_SECRET_FILES: 'a.properties=MM2_UNSET' })).toThrow(
      /MM2_SECRET_FILES names MM2_UNSET, which is empty or unset/,
    );
  });

  it('parses Java properties separators and continuation lines', () => {
    expect([...parseProperties('a=1\nb: 2\nc 3\n# d=4\nlong = x\\\n  y\n')]).toEqual([
      ['a', '1'],
      ['b', '2'],
      ['c', '3'],
      ['long', 'xy'],
    ]);
  });
});

describe('the example production profile (defect 3)', () => {
  const text = readFileSync(join(ROOT, 'connectors/profiles/example-msk.yml'), 'utf8');

  it('parses, and the bot logs in to the source as the user Connect reads from the same secret file', () => {
    const profile = parseProfile(text, 'example-msk.yml');
    const config = loadConfig({
      MM2_SOURCE_KAFKA_PASSWORD: 'bot-password',
      MM2_SOURCE_BOOTSTRAP_SERVERS: 'kafka-1.onprem.example:9096',
      MM2_SECRET_FILES: 'source-scram.properties=MM2_SECRET_FILE_0',
      MM2_SECRET_FILE_0: 'username=mm2-replicator\npassword=connect-password',
    });
    const auth = botKafkaAuth(profile.source.auth, config, 'source');
    expect(auth).toMatchObject({ mode: 'scram', username: 'mm2-replicator', password: 'bot-password' });
  });
});
