import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { authConnectPort, type LabConfig } from '../config';
import { endpointsFor } from '../endpoints';
import { isAlive, spawnDetached, stopGroup } from '../processes';
import { connectReady, LAB_WORKER_OVERRIDES } from './connect';
import { jvmFlags, LOG4J2_PROPERTIES } from './java';
import { labAuth } from './lab-auth';

export type WorkerAuthMode = 'mtls' | 'sasl-scram';

/** Where the image keeps secret files; the lab's workers get a folder of their own in its place. */
const IMAGE_SECRETS_DIR = '/opt/secrets';

export interface AuthWorker {
  mode: WorkerAuthMode;
  url: string;
  /** Leader of the worker's process group (what `lab:down` stops). */
  pid: number;
  /** The folder the worker's config providers may read (the image's /opt/secrets). */
  secretsDir: string;
  log: string;
  stop(): Promise<void>;
}

/**
 * The secret files a worker receives, as the image receives them: each one an environment variable named
 * in CONNECT_SECRET_FILES, written by start-connect.sh into the secrets folder. Both clusters' credentials,
 * so connectors can use either side in either mode.
 */
function secretFiles(config: LabConfig): Record<string, string> {
  const auth = labAuth(config);
  const scram = `username=${auth.scram.username}\npassword=${auth.scram.password}\n`;
  const tls = `key.password=${auth.keyPassword}\n`;
  const ca = readFileSync(auth.caPem, 'utf8');
  const keystore = readFileSync(auth.clientKeystore, 'utf8');
  const files: Record<string, string> = {};
  for (const side of ['source', 'target']) {
    files[`${side}-scram.properties`] = scram;
    files[`${side}-tls.properties`] = tls;
    files[`${side}-truststore.pem`] = ca;
    files[`${side}-keystore.pem`] = keystore;
  }
  return files;
}

const variableFor = (file: string) => `LAB_SECRET_${file.replace(/[^A-Za-z0-9]/g, '_').toUpperCase()}`;

/** SCRAM on MSK needs no truststore (public CA); the lab's brokers have a private one. */
const scramTruststore = (secretsDir: string) =>
  ['', 'producer.', 'consumer.', 'admin.']
    .flatMap((prefix) => [
      `${prefix}ssl.truststore.type=PEM`,
      `${prefix}ssl.truststore.location=${secretsDir}/target-truststore.pem`,
    ])
    .join('\n');

/**
 * A second Connect worker that talks to the target in `mode` (connectors/workers/<mode>.properties, run by
 * the image's start script), for the tests of that auth mode. Not part of `lab:up`: it starts in ~30 s and
 * only those tests need it. Its secrets reach it as the image's do; only the folder differs.
 */
export async function startAuthWorker(
  config: LabConfig,
  mode: WorkerAuthMode,
  /** More of the worker's environment, e.g. the MM2_*_BOOTSTRAP_SERVERS its env provider resolves. */
  extraEnv: Record<string, string> = {},
): Promise<AuthWorker> {
  const dir = join(config.runDir, `connect-${mode}`);
  const secretsDir = join(dir, 'secrets');
  mkdirSync(dir, { recursive: true });
  const template = join(dir, `${mode}.properties`);
  const workerFile = readFileSync(join(config.root, 'connectors/workers', `${mode}.properties`), 'utf8');
  writeFileSync(template, workerFile.split(IMAGE_SECRETS_DIR).join(secretsDir));
  const extra = join(dir, 'lab-overrides.properties');
  writeFileSync(
    extra,
    `${LAB_WORKER_OVERRIDES}${mode === 'sasl-scram' ? `# The lab's private CA.\n${scramTruststore(secretsDir)}\n` : ''}`,
  );
  const log4j = join(dir, 'log4j2.properties');
  writeFileSync(log4j, LOG4J2_PROPERTIES);
  const files = secretFiles(config);
  const endpoints = endpointsFor(config);
  const port = authConnectPort(config.ports.connect, mode);
  const jvm = jvmFlags(config.heap.authConnect, log4j).filter(
    (flag) => !/^-Xm[sx]|^-Dlog4j2|UseG1GC|MaxGCPauseMillis|headless/.test(flag),
  );
  const spawned = spawnDetached('sh', [join(config.root, 'docker/kafka-connect/start-connect.sh')], {
    log: join(dir, 'connect.log'),
    env: {
      ...process.env,
      ...extraEnv,
      MM2_LAB_RUN_DIR: config.runDir,
      ...Object.fromEntries(Object.entries(files).map(([file, text]) => [variableFor(file), text])),
      CONNECT_SECRET_FILES: Object.keys(files)
        .map((file) => `${file}=${variableFor(file)}`)
        .join(' '),
      CONNECT_SECRETS_DIR: secretsDir,
      CONNECT_BOOTSTRAP_SERVERS: mode === 'mtls' ? endpoints.targetMtls : endpoints.targetScram,
      CONNECT_WORKER_TEMPLATE: template,
      CONNECT_WORKER_EXTRA: extra,
      CONNECT_GROUP_ID: `mm2-lab-connect-${mode}`,
      CONNECT_CONFIG_TOPIC: `mm2-lab-${mode}-configs`,
      CONNECT_OFFSET_TOPIC: `mm2-lab-${mode}-offsets`,
      CONNECT_STATUS_TOPIC: `mm2-lab-${mode}-status`,
      CONNECT_REPLICATION_FACTOR: '1',
      CONNECT_REST_HOST: config.host,
      CONNECT_REST_PORT: String(port),
      CONNECT_CLASSPATH_DIR: join(config.cacheDir, 'jars', 'connect'),
      JMX_EXPORTER_JAR: 'none',
      KAFKA_HEAP_OPTS: `-Xms${config.heap.authConnect} -Xmx${config.heap.authConnect}`,
      KAFKA_JVM_OPTS: jvm.join(' '),
      CONNECT_LOG4J_CONFIG: log4j,
      CONNECT_RUN_DIR: dir,
    },
  });
  const url = `http://${config.host}:${port}`;
  const stop = () => stopGroup(spawned.pid, 15000);
  const deadline = Date.now() + 150000;
  while (!(await connectReady(url).catch(() => false))) {
    const exited = !isAlive(spawned.pid);
    if (exited || Date.now() > deadline) {
      await stop();
      const tail = readFileSync(spawned.log, 'utf8').trimEnd().split('\n').slice(-12).join('\n');
      throw new Error(
        `The ${mode} Connect worker ${exited ? 'exited' : 'was not ready after 150 s'}. See ${spawned.log}:\n${tail}`,
      );
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  return { mode, url, pid: spawned.pid, secretsDir, log: spawned.log, stop };
}
