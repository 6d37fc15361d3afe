import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { labBootstrapVariables } from '../../../bot/config/lab-layout';
import type { LabConfig } from '../config';
import { spawnDetached, type Spawned } from '../processes';
import { jvmFlags, LOG4J2_PROPERTIES } from './java';

export const MM2_CONNECTOR_CLASSES = [
  'org.apache.kafka.connect.mirror.MirrorSourceConnector',
  'org.apache.kafka.connect.mirror.MirrorCheckpointConnector',
  'org.apache.kafka.connect.mirror.MirrorHeartbeatConnector',
];

/** What the lab's single worker changes on top of connectors/workers/plaintext.properties. */
export const LAB_WORKER_OVERRIDES = [
  '# The lab: small internal topics, quick offset commits and shutdowns.',
  'offset.storage.partitions=5',
  'status.storage.partitions=1',
  'offset.flush.interval.ms=2000',
  'task.shutdown.graceful.timeout.ms=5000',
  '',
].join('\n');

/**
 * The image's own start script (docker/kafka-connect/start-connect.sh), run natively: the same worker
 * template, jar set and exporter rules as in AWS. Connect keeps its state on the target, as next to MSK.
 */
export function startConnect(config: LabConfig, env: NodeJS.ProcessEnv): Spawned {
  const dir = join(config.runDir, 'connect');
  mkdirSync(dir, { recursive: true });
  const extra = join(dir, 'lab-overrides.properties');
  const log4j = join(dir, 'log4j2.properties');
  writeFileSync(extra, LAB_WORKER_OVERRIDES);
  writeFileSync(log4j, LOG4J2_PROPERTIES);
  const { host, ports } = config;
  const jvm = jvmFlags(config.heap.connect, log4j).filter(
    (flag) => !/^-Xm[sx]|^-Dlog4j2|UseG1GC|MaxGCPauseMillis|headless/.test(flag),
  );
  return spawnDetached('sh', [join(config.root, 'docker/kafka-connect/start-connect.sh')], {
    log: join(dir, 'connect.log'),
    env: {
      ...env,
      ...labBootstrapVariables(ports),
      CONNECT_BOOTSTRAP_SERVERS: `${host}:${ports.target}`,
      CONNECT_AUTH_MODE: 'plaintext',
      CONNECT_WORKERS_DIR: join(config.root, 'connectors/workers'),
      CONNECT_WORKER_EXTRA: extra,
      CONNECT_GROUP_ID: 'mm2-lab-connect',
      CONNECT_REPLICATION_FACTOR: '1',
      CONNECT_REST_HOST: host,
      CONNECT_REST_LISTEN_HOST: host,
      CONNECT_REST_PORT: String(ports.connect),
      CONNECT_CLASSPATH_DIR: join(config.cacheDir, 'jars', 'connect'),
      JMX_EXPORTER_HOST: host,
      JMX_EXPORTER_PORT: String(ports.connectMetrics),
      JMX_EXPORTER_CONFIG: join(config.root, 'docker/kafka-connect/jmx-exporter.yml'),
      KAFKA_HEAP_OPTS: `-Xms${config.heap.connect} -Xmx${config.heap.connect}`,
      KAFKA_JVM_OPTS: jvm.join(' '),
      CONNECT_LOG4J_CONFIG: log4j,
      CONNECT_RUN_DIR: dir,
    },
  });
}

/** Ready when the REST API lists the three MM2 connector plugins. */
export async function connectReady(url: string): Promise<boolean> {
  const res = await fetch(`${url}/connector-plugins`, { signal: AbortSignal.timeout(3000) });
  if (!res.ok) return false;
  const plugins = (await res.json()) as Array<{ class: string }>;
  return MM2_CONNECTOR_CLASSES.every((cls) => plugins.some((p) => p.class === cls));
}
