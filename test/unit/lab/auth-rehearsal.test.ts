// `lab:up -- --auth <pairing>` prints the environment an operator gives `npm start`: run by a shell, it
// must be a configuration the bot accepts, with its own Kafka logins for both auth listeners, and the
// printed text must not hold the secrets it points at.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveReferences } from '../../../bot/adapters/config-providers/provider-references';
import { loadConfig } from '../../../bot/config/load-config';
import { parseProfile } from '../../../bot/domain/profile/parse-profile';
import { botKafkaAuth } from '../../../bot/wiring/kafka-auth';
import {
  AUTH_PAIRINGS,
  authListener,
  authPairingFrom,
  rehearsalEnvironment,
  shellExports,
  writeRehearsalProfile,
  type AuthPairing,
} from '../../lab/auth-rehearsal';
import { labConfig } from '../../lab/config';
import { endpointsFor } from '../../lab/endpoints';

const ROOT = join(__dirname, '../../..');
const PASSWORD = "S3cret-pass'word-xyz";
const KEY = '-----BEGIN PRIVATE KEY-----\nbot-key-body\n-----END PRIVATE KEY-----\n';

/** A worker's secrets folder and the bot's TLS folder, as the lab lays them out, with known contents. */
function folders() {
  const dir = mkdtempSync(join(tmpdir(), 'mm2-rehearsal-'));
  const secretsDir = join(dir, 'secrets');
  const botTlsDir = join(dir, 'bot');
  mkdirSync(secretsDir);
  mkdirSync(botTlsDir);
  for (const side of ['source', 'target'])
    writeFileSync(join(secretsDir, `${side}-scram.properties`), `username=mm2-lab\npassword=${PASSWORD}\n`);
  writeFileSync(join(botTlsDir, 'ca.pem'), 'ca');
  writeFileSync(join(botTlsDir, 'cert.pem'), 'cert');
  writeFileSync(join(botTlsDir, 'key.pem'), KEY);
  return { dir, secretsDir, botTlsDir };
}

/** What `sh` has in its environment after the printed lines (and nothing else of ours). */
function shellEnvironment(lines: string[]): Record<string, string> {
  const run = spawnSync('sh', ['-c', `${lines.join('\n')}\nexec env -0`], {
    env: { PATH: process.env.PATH },
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(`sh failed: ${run.stderr}`);
  return Object.fromEntries(
    run.stdout
      .split('\0')
      .filter(Boolean)
      .map((entry) => [entry.slice(0, entry.indexOf('=')), entry.slice(entry.indexOf('=') + 1)]),
  );
}

describe.each(Object.keys(AUTH_PAIRINGS) as AuthPairing[])('the printed environment of %s', (pairing) => {
  const modes = AUTH_PAIRINGS[pairing];
  const endpoints = endpointsFor(labConfig({}));
  const { dir, secretsDir, botTlsDir } = folders();
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const profile = join(dir, `${pairing}.yml`);
  writeRehearsalProfile(ROOT, pairing, secretsDir, profile);
  const printed = shellExports(
    rehearsalEnvironment({
      pairing,
      connectUrl: 'http://127.0.0.1:18085',
      profile,
      endpoints,
      secretsDir,
      botTlsDir,
    }),
  );

  test('holds no secret value', () => {
    expect(printed.join('\n')).not.toContain(PASSWORD);
    expect(printed.join('\n')).not.toContain('bot-key-body');
  });

  test('run by a shell, it is a configuration the bot accepts, with its own login on both auth listeners', () => {
    const config = loadConfig(shellEnvironment(printed), ROOT);
    expect(config.connectUrl).toBe('http://127.0.0.1:18085');
    expect(config.slack).toBeUndefined();
    const parsed = parseProfile(readFileSync(config.profilePath, 'utf8'), config.profilePath);
    expect(JSON.stringify(parsed)).not.toContain('/opt/secrets');
    expect(parsed.replicationFactor).toBe(1); // the lab's single brokers
    for (const side of ['source', 'target'] as const) {
      expect(parsed[side].auth.mode).toBe(modes[side]);
      expect(resolveReferences(parsed[side].bootstrapServers, side, config.references)).toBe(
        authListener(endpoints, side, modes[side]),
      );
      const auth = botKafkaAuth(parsed[side].auth, config, side);
      if (modes[side] === 'sasl-scram')
        expect(auth).toMatchObject({ mode: 'scram', username: 'mm2-lab', password: PASSWORD, ca: 'ca' });
      else expect(auth).toMatchObject({ mode: 'tls', ca: 'ca', cert: 'cert', key: KEY });
    }
  });
});

test('--auth takes a pairing, or the target mode alone; anything else is refused with the choices', () => {
  expect(authPairingFrom('mtls')).toBe('scram-to-mtls');
  expect(authPairingFrom('scram')).toBe('mtls-to-scram');
  expect(authPairingFrom('mtls-to-scram')).toBe('mtls-to-scram');
  expect(() => authPairingFrom('iam')).toThrow(/scram-to-mtls or mtls-to-scram/);
  expect(() => authPairingFrom(undefined)).toThrow(/not nothing/);
});
