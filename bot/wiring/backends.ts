import { hostname } from 'node:os';
import { S3Client } from '@aws-sdk/client-s3';
import type { BotConfig } from '../config/bot-config';
import { createEcsScaling } from '../adapters/aws/ecs-scaling';
import { UndiciConnectClient } from '../adapters/connect/undici-connect-client';
import { createKafkaAdmin } from '../adapters/kafka/kafkajs-admin';
import { FileProfileSource } from '../adapters/profile-files/file-profile-source';
import { S3ProfileSource } from '../adapters/profile-files/s3-profile-source';
import { createPrometheusClient } from '../adapters/prometheus/prometheus-client';
import type { Clock } from '../domain/clock';
import type { ConnectClient } from '../ports/connect';
import type { ConnectorHealth } from '../ports/connector-health';
import { connectorHealthFromClient } from '../adapters/connect/connector-health-from-client';
import { connectOffsetsFromClient } from '../adapters/connect/connect-offsets-from-client';
import { lagSettingsFromProfile, thresholdsFromProfile } from '../usecases/lag/settings-from-profile';
import { createLagReporter, type LagReporter } from '../usecases/lag/lag-reporter';
import type { LagThresholds } from '../usecases/lag/lag-types';
import type { LoadedProfile, ProfileSource } from '../ports/profile-source';
import { createScalingReporter } from '../usecases/scaling/scaling-reporter';
import { awsClientSettings } from './aws-settings';
import { botKafkaOptions } from './bot-kafka-options';

export function createProfileSource(config: BotConfig, clock: Clock): ProfileSource {
  if (config.profilePath.startsWith('s3://')) {
    const client = new S3Client({
      ...awsClientSettings(config),
      forcePathStyle: Boolean(config.aws.endpoint),
    });
    return new S3ProfileSource({ client, url: config.profilePath, clock });
  }
  return new FileProfileSource({ profileFile: config.profilePath, templatesDir: config.templatesDir });
}

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
  const { timeouts } = config;
  const connect = new UndiciConnectClient({
    url: config.connectUrl,
    timeoutMs: timeouts.connectMs,
    timeoutSetting: 'MM2_CONNECT_TIMEOUT_SECONDS',
  });
  const metrics = createPrometheusClient({
    url: config.prometheusUrl,
    timeoutMs: timeouts.prometheusMs,
    timeoutSetting: 'MM2_PROMETHEUS_TIMEOUT_SECONDS',
  });
  const admin = (cluster: 'source' | 'target') => createKafkaAdmin(botKafkaOptions(profile, config, cluster));
  const thresholds = thresholdsFromProfile(profile);
  const lag = createLagReporter({
    source: admin('source'),
    target: admin('target'),
    connectOffsets: connectOffsetsFromClient(connect),
    metrics,
    clock,
    settings: lagSettingsFromProfile(profile),
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
    health: connectorHealthFromClient(connect),
    thresholds,
    instanceId: `${hostname()}:${process.pid}`,
  };
}
