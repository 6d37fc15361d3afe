import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LabConfig } from '../config';

/** The SCRAM user every lab client logs in as (created in both clusters at format time). */
export const LAB_SCRAM_USER = 'mm2-lab';

/**
 * The lab's throwaway credentials, made once and kept in `.lab-run/auth` (never committed): a CA, one
 * broker certificate for both clusters (SAN 127.0.0.1), a client certificate for the Connect workers and
 * the bot, a client certificate from another CA (the "untrusted" one), the SCRAM password and the client
 * key's password. Everything is PEM, as the workers receive it through the secret-to-file path.
 */
export interface LabAuth {
  dir: string;
  scram: { username: string; password: string };
  /** CA certificate: the brokers' truststore, and every client's. */
  caPem: string;
  /** Broker key (unencrypted) + certificate: the brokers' PEM keystore. */
  brokerKeystore: string;
  /** Client key (PKCS#8, encrypted with `keyPassword`) + certificate: the workers' PEM keystore. */
  clientKeystore: string;
  keyPassword: string;
  /** The bot's layout (MM2_<SIDE>_KAFKA_TLS_DIR): ca.pem, cert.pem, key.pem of the trusted client. */
  botTlsDir: string;
  /** Same layout, but cert.pem/key.pem come from a CA the brokers do not trust. */
  untrustedTlsDir: string;
}

const DAYS = '3650';

function openssl(args: string[], cwd: string): void {
  const run = spawnSync('openssl', args, { cwd, encoding: 'utf8' });
  if (run.error)
    throw new Error(
      `The lab needs openssl to make its certificates (${run.error.message}): run node test/lab/bootstrap/ensure.mjs`,
    );
  if (run.status !== 0) throw new Error(`openssl ${args[0]} failed: ${run.stderr}`);
}

/** `openssl req` arguments for a new P-256 key (unencrypted) named `name`, with CN=`name`. */
const newKey = (name: string): string[] => [
  '-newkey',
  'ec',
  '-pkeyopt',
  'ec_paramgen_curve:P-256',
  '-nodes',
  '-keyout',
  `${name}.key`,
  '-subj',
  `/CN=${name}`,
];

/** A CA key and self-signed certificate. */
function makeCa(dir: string, name: string): void {
  openssl(
    [
      'req',
      '-x509',
      ...newKey(name),
      '-out',
      `${name}.pem`,
      '-days',
      DAYS,
      '-addext',
      'basicConstraints=critical,CA:TRUE',
      '-addext',
      'keyUsage=critical,keyCertSign,cRLSign',
    ],
    dir,
  );
}

/** A key (unencrypted PKCS#8) and a certificate signed by `ca`. */
function makeLeaf(dir: string, name: string, ca: string, usage: 'serverAuth' | 'clientAuth'): void {
  openssl(['req', ...newKey(name), '-out', `${name}.csr`], dir);
  const ext = `${name}.ext`;
  writeFileSync(
    join(dir, ext),
    [
      'basicConstraints=critical,CA:FALSE',
      'keyUsage=critical,digitalSignature,keyEncipherment',
      `extendedKeyUsage=${usage}`,
      ...(usage === 'serverAuth' ? ['subjectAltName=IP:127.0.0.1,DNS:localhost'] : []),
      '',
    ].join('\n'),
  );
  openssl(
    [
      'x509',
      '-req',
      '-in',
      `${name}.csr`,
      '-CA',
      `${ca}.pem`,
      '-CAkey',
      `${ca}.key`,
      '-CAcreateserial',
      '-days',
      DAYS,
      '-extfile',
      ext,
      '-out',
      `${name}.pem`,
    ],
    dir,
  );
}

const read = (dir: string, file: string) => readFileSync(join(dir, file), 'utf8');

function writeBotDir(dir: string, ca: string, cert: string, key: string): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'ca.pem'), ca);
  writeFileSync(join(dir, 'cert.pem'), cert);
  writeFileSync(join(dir, 'key.pem'), key, { mode: 0o600 });
}

function generate(dir: string): void {
  const work = `${dir}.tmp`;
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  makeCa(work, 'lab-ca');
  makeCa(work, 'other-ca');
  makeLeaf(work, 'broker', 'lab-ca', 'serverAuth');
  makeLeaf(work, 'client', 'lab-ca', 'clientAuth');
  makeLeaf(work, 'stranger', 'other-ca', 'clientAuth');
  const keyPassword = randomBytes(12).toString('hex');
  openssl(
    [
      'pkcs8',
      '-topk8',
      '-in',
      'client.key',
      '-out',
      'client.key.enc',
      // Java 17 (Kafka's PEM store) cannot decrypt openssl's default PBES2 keys ("PBES2 SecretKeyFactory
      // not available"): PBES1 with 3DES is the scheme it reads.
      '-v1',
      'PBE-SHA1-3DES',
      '-passout',
      `pass:${keyPassword}`,
    ],
    work,
  );
  const ca = read(work, 'lab-ca.pem');
  writeFileSync(join(work, 'ca.pem'), ca);
  writeFileSync(join(work, 'broker-keystore.pem'), read(work, 'broker.key') + read(work, 'broker.pem'));
  writeFileSync(join(work, 'client-keystore.pem'), read(work, 'client.key.enc') + read(work, 'client.pem'));
  writeBotDir(join(work, 'bot'), ca, read(work, 'client.pem'), read(work, 'client.key'));
  writeBotDir(join(work, 'untrusted'), ca, read(work, 'stranger.pem'), read(work, 'stranger.key'));
  writeFileSync(
    join(work, 'credentials.json'),
    JSON.stringify({ scramPassword: randomBytes(12).toString('hex'), keyPassword }),
    { mode: 0o600 },
  );
  rmSync(dir, { recursive: true, force: true });
  renameSync(work, dir);
}

/** The lab's credentials, generated on first use (a few hundred ms) and reused afterwards. */
export function labAuth(config: LabConfig): LabAuth {
  const dir = join(config.runDir, 'auth');
  if (!existsSync(join(dir, 'credentials.json'))) generate(dir);
  const credentials = JSON.parse(read(dir, 'credentials.json')) as {
    scramPassword: string;
    keyPassword: string;
  };
  return {
    dir,
    scram: { username: LAB_SCRAM_USER, password: credentials.scramPassword },
    caPem: join(dir, 'ca.pem'),
    brokerKeystore: join(dir, 'broker-keystore.pem'),
    clientKeystore: join(dir, 'client-keystore.pem'),
    keyPassword: credentials.keyPassword,
    botTlsDir: join(dir, 'bot'),
    untrustedTlsDir: join(dir, 'untrusted'),
  };
}
