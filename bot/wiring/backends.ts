import { hostname } from 'node:os';
import { S3Client } from '@aws-sdk/client-s3';
import type { BotConfig } from '../config/bot-config';
import { createEcsScaling } from '../adapters/aws/ecs-scaling';
import { UndiciConnectClient } from '../adapters/connect/undici-connect-client';
import { createConnectOffsetsClient } from '../adapters/connect-offsets/connect-offsets-client';
import { createKafkaAdmin } from '../adapters/kafka/kafkajs-admin';
import { FileProfileSource } from '../adapters/profile-files/file-profile-source';
import { S3ProfileSource } from '../adapters/profile-files/s3-profile-source';
import { createPrometheusClient } from '../adapters/prometheus/prometheus-client';
import type { Clock } from '../domain/clock';
import type { ConnectClient } from '../ports/connect';
import type { ConnectorHealth } from '../usecases/alerts/connector-health';
import { createLagReporter, type LagReporter } from '../usecases/lag/lag-reporter';
import type { LagThresholds } from '../usecases/lag/lag-types';
import type { LoadedProfile, ProfileSource } from '../usecases/profile/profile-source';
import type { Profile } from '../usecases/profile/profile-schema';
import { createScalingReporter } from '../usecases/scaling/scaling-reporter';
import { awsClientSettings } from './aws-settings';
import { botKafkaAuth } from './kafka-auth';

export function createProfileSource(config: BotConfig, clock: Clock): ProfileSource {
  if (config.profilePath.startsWith('s3://')) {
    const client = new S3Client({
      ...awsClientSettings(config),
      forcePathStyle: Boolean(config.aws.endpoint),
    });
    return new S3ProfileSource({ client, url: config.profilePath, clock });
  }
  return new FileProfileSource({ profileFile: config.profilePath });
}

export const thresholdsOf = (profile: Profile): LagThresholds => ({
  lagRecords: profile.checks.lagRecords,
  latencyMs: profile.checks.lagMs,
  checkpointAgeSeconds: profile.checks.checkpointAgeSeconds,
});

/** Connect's view of connector and task states, for the report and the alert watcher. */
export const connectorHealthOf = (connect: ConnectClient): ConnectorHealth => ({
  states: async () =>
    Object.values(await connect.list()).flatMap(({ status }) =>
      status
        ? [
            {
              connector: status.name,
              state: status.connector.state,
              tasks: status.tasks.map((t) => ({
                id: t.id,
                state: t.state,
                ...(t.trace ? { trace: t.trace } : {}),
              })),
            },
          ]
        : [],
    ),
});

export interface Backends {
  connect: ConnectClient;
  lag: LagReporter;
  scaling: ReturnType<typeof createScalingReporter>;
  metrics: ReturnType<typeof createPrometheusClient>;
  health: ConnectorHealth;
  thresholds: LagThresholds;
  instanceId: string;
}

/** Every adapter to the migration's systems. Nothing here connects yet: unreachable systems fail per command. */
export function createBackends(config: BotConfig, loaded: LoadedProfile, clock: Clock): Backends {
  const { profile } = loaded;
  const connect = new UndiciConnectClient({ url: config.connectUrl });
  const metrics = createPrometheusClient({ url: config.prometheusUrl });
  const admin = (cluster: 'source' | 'target') =>
    createKafkaAdmin({
      cluster,
      brokers: profile[cluster].bootstrapServers.split(','),
      auth: botKafkaAuth(profile[cluster].auth, config),
    });
  const thresholds = thresholdsOf(profile);
  const lag = createLagReporter({
    source: admin('source'),
    target: admin('target'),
    connectOffsets: createConnectOffsetsClient({ url: config.connectUrl }),
    metrics,
    clock,
    settings: {
      sourceConnector: profile.connectors.source,
      sourceAlias: profile.source.alias,
      targetAlias: profile.target.alias,
      thresholds,
      topicsInclude: profile.topics.include.join('|'),
      ...(profile.topics.exclude.length > 0 ? { topicsExclude: profile.topics.exclude.join('|') } : {}),
      groupsInclude: profile.groups.include.join('|'),
      ...(profile.groups.exclude.length > 0 ? { groupsExclude: profile.groups.exclude.join('|') } : {}),
    },
  });
  const aws = awsClientSettings(config);
  const scaling = createScalingReporter({
    scaling: createEcsScaling({
      region: aws.region,
      cluster: config.aws.ecsCluster,
      service: config.aws.ecsService,
      ...(aws.endpoint ? { endpoint: aws.endpoint } : {}),
      ...(aws.credentials ? { credentials: aws.credentials } : {}),
    }),
  });
  return {
    connect,
    lag,
    scaling,
    metrics,
    health: connectorHealthOf(connect),
    thresholds,
    instanceId: `${hostname()}:${process.pid}`,
  };
}
