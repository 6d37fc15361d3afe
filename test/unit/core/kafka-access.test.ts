import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../../bot/config/load-config';
import { botKafkaAuth } from '../../../bot/wiring/kafka-auth';

const scram = {
  mode: 'sasl-scram',
  mechanism: 'SCRAM-SHA-512',
  username: 'mm2',
  password: '${file:/opt/secrets/source.properties:password}',
} as const;
const mtls = {
  mode: 'mtls',
  storeType: 'PKCS12',
  truststoreLocation: '/opt/secrets/t.p12',
  truststorePassword: '${env:MM2_T}',
  keystoreLocation: '/opt/secrets/k.p12',
  keystorePassword: '${env:MM2_K}',
  keyPassword: '${env:MM2_K}',
} as const;

test('plaintext and IAM need nothing from the environment', () => {
  const config = loadConfig({}, '/repo');
  expect(botKafkaAuth({ mode: 'plaintext' }, config, 'source')).toEqual({ mode: 'plaintext' });
  expect(botKafkaAuth({ mode: 'iam' }, config, 'target')).toEqual({ mode: 'iam', region: 'us-east-1' });
});

test('a SCRAM cluster needs the bot its own password, named by variable', () => {
  expect(() => botKafkaAuth(scram, loadConfig({}, '/repo'), 'source')).toThrow(
    'MM2_SOURCE_KAFKA_PASSWORD is required',
  );
  const auth = botKafkaAuth(scram, loadConfig({ MM2_SOURCE_KAFKA_PASSWORD: 'pw-123456' }, '/repo'), 'source');
  expect(auth).toEqual({ mode: 'scram', mechanism: 'scram-sha-512', username: 'mm2', password: 'pw-123456' });
});

test('an mTLS cluster reads ca.pem, cert.pem and key.pem from the folder given', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tls-'));
  expect(() => botKafkaAuth(mtls, loadConfig({}, '/repo'), 'target')).toThrow(
    'MM2_TARGET_KAFKA_TLS_DIR is required',
  );
  expect(() => botKafkaAuth(mtls, loadConfig({ MM2_TARGET_KAFKA_TLS_DIR: dir }, '/repo'), 'target')).toThrow(
    `${join(dir, 'ca.pem')} is missing`,
  );
  for (const f of ['ca.pem', 'cert.pem', 'key.pem']) writeFileSync(join(dir, f), `-----${f}-----`);
  expect(botKafkaAuth(mtls, loadConfig({ MM2_TARGET_KAFKA_TLS_DIR: dir }, '/repo'), 'target')).toEqual({
    mode: 'tls',
    ca: '-----ca.pem-----',
    cert: '-----cert.pem-----',
    key: '-----key.pem-----',
  });
});
