import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { Kafka, logLevel } from 'kafkajs';
import { controllerPort, mtlsPort, scramPort, type LabConfig } from '../config';
import { spawnDetached, type Spawned } from '../processes';
import { classpath, jvmFlags, LOG4J2_PROPERTIES } from './java';
import { labAuth, type LabAuth } from './lab-auth';

export type ClusterName = 'source' | 'target';

function serverProperties(config: LabConfig, name: ClusterName, dataDir: string, auth: LabAuth): string {
  const port = config.ports[name];
  const controller = controllerPort(port);
  const { host } = config;
  const clients = `PLAINTEXT://${host}:${port},SASL_SSL://${host}:${scramPort(port)},SSL://${host}:${mtlsPort(port)}`;
  return [
    'process.roles=broker,controller',
    'node.id=1',
    `controller.quorum.voters=1@${host}:${controller}`,
    // Plaintext for the traffic generator and quick runs; SCRAM over TLS and mTLS as on MSK.
    `listeners=${clients},CONTROLLER://${host}:${controller}`,
    `advertised.listeners=${clients}`,
    'controller.listener.names=CONTROLLER',
    'inter.broker.listener.name=PLAINTEXT',
    'listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT,SASL_SSL:SASL_SSL,SSL:SSL',
    'sasl.enabled.mechanisms=SCRAM-SHA-512',
    'listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required;',
    'listener.name.ssl.ssl.client.auth=required',
    'ssl.keystore.type=PEM',
    `ssl.keystore.location=${auth.brokerKeystore}`,
    'ssl.truststore.type=PEM',
    `ssl.truststore.location=${auth.caPem}`,
    `log.dirs=${dataDir}`,
    'num.partitions=1',
    'num.network.threads=2',
    'num.io.threads=4',
    'offsets.topic.replication.factor=1',
    'offsets.topic.num.partitions=10',
    'transaction.state.log.replication.factor=1',
    'transaction.state.log.min.isr=1',
    'share.coordinator.state.topic.replication.factor=1',
    'share.coordinator.state.topic.min.isr=1',
    'group.initial.rebalance.delay.ms=0',
    'log.retention.hours=24',
    'log.segment.bytes=16777216',
    'auto.create.topics.enable=true',
    '',
  ].join('\n');
}

/** Formats KRaft storage on first start, then runs the broker+controller node. */
export function startKafka(config: LabConfig, name: ClusterName, env: NodeJS.ProcessEnv): Spawned {
  const dir = join(config.runDir, name);
  const dataDir = join(dir, 'data');
  mkdirSync(dir, { recursive: true });
  const props = join(dir, 'server.properties');
  const log4j = join(dir, 'log4j2.properties');
  const auth = labAuth(config);
  writeFileSync(props, serverProperties(config, name, dataDir, auth));
  writeFileSync(log4j, LOG4J2_PROPERTIES);
  const cp = classpath(join(config.cacheDir, 'jars', 'broker'));
  const jvm = jvmFlags(config.heap.broker, log4j);
  if (!existsSync(join(dataDir, 'meta.properties'))) {
    // A cluster id starting with '-' reads as an option to kafka-storage ("argument --cluster-id: expected one
    // argument"; 1 in 64 random ids): the top bit of the first byte cleared, its first character is A-f.
    const idBytes = randomBytes(16);
    idBytes[0] = idBytes[0]! & 0x7f;
    const clusterId = idBytes.toString('base64url');
    const format = spawnSync(
      'java',
      [
        ...jvm,
        '-cp',
        cp,
        'kafka.tools.StorageTool',
        'format',
        '-t',
        clusterId,
        '-c',
        props,
        // The SCRAM user lives in the metadata log from the start: no admin call needed afterwards.
        '--add-scram',
        `SCRAM-SHA-512=[name=${auth.scram.username},password=${auth.scram.password}]`,
      ],
      { encoding: 'utf8' },
    );
    if (format.status !== 0)
      throw new Error(`Formatting the ${name} cluster's storage failed: ${format.stderr || format.stdout}`);
  }
  return spawnDetached('java', [...jvm, '-cp', cp, 'kafka.Kafka', props], {
    log: join(dir, 'kafka.log'),
    env,
  });
}

/** Ready when the broker answers a metadata request with itself as the controller. */
export async function kafkaReady(bootstrap: string): Promise<boolean> {
  const admin = new Kafka({
    clientId: 'lab-readiness',
    brokers: [bootstrap],
    logLevel: logLevel.NOTHING,
    retry: { retries: 0 },
    connectionTimeout: 1000,
  }).admin();
  try {
    await admin.connect();
    const cluster = await admin.describeCluster();
    return cluster.brokers.length > 0 && cluster.controller !== null;
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}
