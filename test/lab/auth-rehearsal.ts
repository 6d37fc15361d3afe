// `npm run lab:up -- --auth scram-to-mtls|mtls-to-scram`: the production shape on the lab. A Connect
// worker in the target's auth mode (the tests' startAuthWorker: the image's start script, the committed
// worker file, secrets written from CONNECT_SECRET_FILES), a profile with the committed pairing's auth
// blocks, and the environment an operator gives `npm start` to use them. Stopped by `npm run lab:down`.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { SECRETS_DIR } from '../../bot/adapters/config-providers/provider-references';
import { parseProfile } from '../../bot/domain/profile/parse-profile';
import type { ClusterAuth } from '../../bot/domain/profile/profile-schema';
import { startAuthWorker } from './components/auth-connect';
import { connectReady } from './components/connect';
import { labAuth } from './components/lab-auth';
import type { LabConfig } from './config';
import type { LabEndpoints } from './endpoints';
import { stopGroup } from './processes';
import { readState, writeState } from './state';

/** The committed pairing profiles (connectors/profiles/<name>.yml) and each side's auth mode. */
export const AUTH_PAIRINGS = {
  'scram-to-mtls': { source: 'sasl-scram', target: 'mtls' },
  'mtls-to-scram': { source: 'mtls', target: 'sasl-scram' },
} as const;
export type AuthPairing = keyof typeof AUTH_PAIRINGS;
type Side = 'source' | 'target';
type ClusterMode = 'sasl-scram' | 'mtls';

/** A pairing by name, or by the worker's mode alone (`mtls`, `scram`: the target's mode, as the worker's). */
export function authPairingFrom(value: string | undefined): AuthPairing {
  if (value === 'mtls') return 'scram-to-mtls';
  if (value === 'scram') return 'mtls-to-scram';
  if (value && value in AUTH_PAIRINGS) return value as AuthPairing;
  throw new Error(
    `--auth takes ${Object.keys(AUTH_PAIRINGS).join(' or ')} (or mtls, scram: the target's mode), not ${value ?? 'nothing'}.`,
  );
}

const pairingFile = (root: string, pairing: AuthPairing) =>
  join(root, 'connectors/profiles', `${pairing}.yml`);

/**
 * The auth blocks of the committed pairing profile, with a lab worker's secrets folder in place of the
 * image's /opt/secrets: what the lab runs is what an operator copies.
 */
export function pairingAuth(
  root: string,
  pairing: AuthPairing,
  secretsDir: string,
): Record<Side, ClusterAuth> {
  const file = pairingFile(root, pairing);
  const profile = parseProfile(readFileSync(file, 'utf8').replaceAll(SECRETS_DIR, secretsDir), file);
  return { source: profile.source.auth, target: profile.target.auth };
}

/**
 * connectors/profiles/lab.yml (the lab's topics, single-broker replication, short intervals) with the
 * pairing's auth blocks, written to `file` and checked by the bot's own parser.
 */
export function writeRehearsalProfile(
  root: string,
  pairing: AuthPairing,
  secretsDir: string,
  file: string,
): void {
  const doc = parseDocument(readFileSync(join(root, 'connectors/profiles/lab.yml'), 'utf8'));
  doc.commentBefore = ` Written by \`npm run lab:up -- --auth ${pairing}\`: lab.yml with the auth blocks of\n connectors/profiles/${pairing}.yml, the lab worker's secrets folder in place of ${SECRETS_DIR}.`;
  doc.set('name', `lab-${pairing}`);
  const auth = pairingAuth(root, pairing, secretsDir);
  for (const side of ['source', 'target'] as const) doc.setIn([side, 'auth'], doc.createNode(auth[side]));
  const text = doc.toString();
  parseProfile(text, file);
  writeFileSync(file, text);
}

/** The lab listener of one side in one mode. */
export function authListener(endpoints: LabEndpoints, side: Side, mode: ClusterMode): string {
  if (mode === 'sasl-scram') return side === 'source' ? endpoints.sourceScram : endpoints.targetScram;
  return side === 'source' ? endpoints.sourceMtls : endpoints.targetMtls;
}

/** One variable for `npm start`: a value, or a key read from a secret file when the shell sets it. */
export type EnvLine =
  { name: string; value: string } | { name: string; fromFile: { file: string; key: string } };

export interface RehearsalInputs {
  pairing: AuthPairing;
  connectUrl: string;
  profile: string;
  endpoints: LabEndpoints;
  /** The worker's secrets folder (source-scram.properties holds the SCRAM login). */
  secretsDir: string;
  /** ca.pem, cert.pem, key.pem of the lab's trusted client (the bot's own TLS). */
  botTlsDir: string;
}

/** What the bot needs to work over the rehearsal worker and the auth listeners; secrets only as files. */
export function rehearsalEnvironment(o: RehearsalInputs): EnvLine[] {
  const modes = AUTH_PAIRINGS[o.pairing];
  const lines: EnvLine[] = [
    { name: 'CONNECT_URL', value: o.connectUrl },
    { name: 'MM2_PROFILE', value: o.profile },
    { name: 'MM2_SOURCE_BOOTSTRAP_SERVERS', value: authListener(o.endpoints, 'source', modes.source) },
    { name: 'MM2_TARGET_BOOTSTRAP_SERVERS', value: authListener(o.endpoints, 'target', modes.target) },
  ];
  for (const side of ['source', 'target'] as const) {
    const prefix = `MM2_${side.toUpperCase()}_KAFKA`;
    if (modes[side] === 'sasl-scram')
      lines.push({
        name: `${prefix}_PASSWORD`,
        fromFile: { file: join(o.secretsDir, `${side}-scram.properties`), key: 'password' },
      });
    // SCRAM runs over TLS here (the lab's private CA: ca.pem); mTLS needs the client certificate too.
    lines.push({ name: `${prefix}_TLS_DIR`, value: o.botTlsDir });
  }
  return lines;
}

const quoted = (s: string) => `'${s.replaceAll("'", `'\\''`)}'`;

/** `export` lines for a POSIX shell; a secret is a `sed` over its file, so its value is never printed. */
export function shellExports(lines: EnvLine[]): string[] {
  return lines.map((line) =>
    'value' in line
      ? `export ${line.name}=${quoted(line.value)}`
      : `export ${line.name}="$(sed -n ${quoted(`s/^${line.fromFile.key}=//p`)} ${quoted(line.fromFile.file)})"`,
  );
}

/** Stops the rehearsal worker the lab recorded, if any (lab:down, or before another pairing starts). */
export async function stopAuthRehearsal(config: LabConfig, log: (line: string) => void): Promise<boolean> {
  const state = readState(config);
  if (!state?.authWorker) return false;
  await stopGroup(state.authWorker.pid);
  log(`  stopped the ${state.authWorker.pairing} Connect worker`);
  delete state.authWorker;
  writeState(config, state);
  return true;
}

/**
 * Starts (or reuses) the worker of `pairing` next to the running lab and writes its profile; returns the
 * environment for `npm start`. The worker's env provider resolves the profile's broker references to the
 * auth listeners, as the stack's variables do on ECS.
 */
export async function startAuthRehearsal(
  config: LabConfig,
  pairing: AuthPairing,
  log: (line: string) => void,
): Promise<EnvLine[]> {
  const state = readState(config);
  if (!state) throw new Error('The lab is not up: npm run lab:up');
  const modes = AUTH_PAIRINGS[pairing];
  const { endpoints } = state;
  const dir = join(config.runDir, `rehearse-${pairing}`);
  mkdirSync(dir, { recursive: true });
  const profile = join(dir, `${pairing}.yml`);
  const running = state.authWorker;
  let worker =
    running?.pairing === pairing && (await connectReady(running.url).catch(() => false))
      ? running
      : undefined;
  if (worker) log(`The ${pairing} Connect worker is already up: reusing it.`);
  else {
    await stopAuthRehearsal(config, log);
    log(`Starting a Connect worker in ${modes.target} mode for ${pairing} ...`);
    const began = Date.now();
    const started = await startAuthWorker(config, modes.target, {
      MM2_SOURCE_BOOTSTRAP_SERVERS: authListener(endpoints, 'source', modes.source),
      MM2_TARGET_BOOTSTRAP_SERVERS: authListener(endpoints, 'target', modes.target),
    });
    worker = {
      pairing,
      pid: started.pid,
      url: started.url,
      log: started.log,
      secretsDir: started.secretsDir,
    };
    writeState(config, { ...state, authWorker: worker });
    log(`  ready in ${((Date.now() - began) / 1000).toFixed(1)} s (log: ${started.log})`);
  }
  writeRehearsalProfile(config.root, pairing, worker.secretsDir, profile);
  return rehearsalEnvironment({
    pairing,
    connectUrl: worker.url,
    profile,
    endpoints,
    secretsDir: worker.secretsDir,
    botTlsDir: labAuth(config).botTlsDir,
  });
}
