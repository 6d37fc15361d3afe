import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LabConfig } from '../config';
import { spawnDetached, type Spawned } from '../processes';
import { classpath, jvmFlags, LOG4J2_PROPERTIES } from './java';

export const MM2_CONNECTOR_CLASSES = [
  'org.apache.kafka.connect.mirror.MirrorSourceConnector',
  'org.apache.kafka.connect.mirror.MirrorCheckpointConnector',
  'org.apache.kafka.connect.mirror.MirrorHeartbeatConnector',
];

/** The lab's distributed worker: Connect stores its state on the target, as it does next to MSK. */
function workerProperties(config: LabConfig): string {
  const { host, ports } = config;
  return [
    `bootstrap.servers=${host}:${ports.target}`,
    'group.id=mm2-lab-connect',
    `listeners=http://${host}:${ports.connect}`,
    `rest.advertised.host.name=${host}`,
    `rest.advertised.port=${ports.connect}`,
    'key.converter=org.apache.kafka.connect.converters.ByteArrayConverter',
    'value.converter=org.apache.kafka.connect.converters.ByteArrayConverter',
    'config.storage.topic=mm2-connect-configs',
    'offset.storage.topic=mm2-connect-offsets',
    'status.storage.topic=mm2-connect-status',
    'config.storage.replication.factor=1',
    'offset.storage.replication.factor=1',
    'status.storage.replication.factor=1',
    'offset.storage.partitions=5',
    'status.storage.partitions=1',
    'offset.flush.interval.ms=2000',
    'scheduled.rebalance.max.delay.ms=5000',
    'task.shutdown.graceful.timeout.ms=5000',
    'plugin.discovery=hybrid_warn',
    'config.providers=file,env,directory',
    'config.providers.file.class=org.apache.kafka.common.config.provider.FileConfigProvider',
    'config.providers.env.class=org.apache.kafka.common.config.provider.EnvVarConfigProvider',
    'config.providers.directory.class=org.apache.kafka.common.config.provider.DirectoryConfigProvider',
    '',
  ].join('\n');
}

export function startConnect(config: LabConfig, env: NodeJS.ProcessEnv): Spawned {
  const dir = join(config.runDir, 'connect');
  mkdirSync(dir, { recursive: true });
  const props = join(dir, 'worker.properties');
  const log4j = join(dir, 'log4j2.properties');
  writeFileSync(props, workerProperties(config));
  writeFileSync(log4j, LOG4J2_PROPERTIES);
  const jars = join(config.cacheDir, 'jars', 'connect');
  const agent = join(jars, readdirJmxAgent(jars));
  const rules = join(config.root, 'docker', 'kafka-connect', 'jmx-exporter.yml');
  const args = [
    ...jvmFlags(config.heap.connect, log4j),
    `-javaagent:${agent}=${config.host}:${config.ports.connectMetrics}:${rules}`,
    '-cp',
    classpath(jars, [/^jmx_prometheus_javaagent/]),
    'org.apache.kafka.connect.cli.ConnectDistributed',
    props,
  ];
  return spawnDetached('java', args, { log: join(dir, 'connect.log'), env });
}

function readdirJmxAgent(jars: string): string {
  const agent = readdirSync(jars).find((file) => file.startsWith('jmx_prometheus_javaagent'));
  if (!agent)
    throw new Error(
      'The JMX exporter agent jar is missing from .cache/jars/connect: run `node test/lab/bootstrap/ensure.mjs`.',
    );
  return agent;
}

/** Ready when the REST API lists the three MM2 connector plugins. */
export async function connectReady(url: string): Promise<boolean> {
  const res = await fetch(`${url}/connector-plugins`, { signal: AbortSignal.timeout(3000) });
  if (!res.ok) return false;
  const plugins = (await res.json()) as Array<{ class: string }>;
  return MM2_CONNECTOR_CLASSES.every((cls) => plugins.some((p) => p.class === cls));
}
