import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { PlatformConfig } from './types';

/**
 * An example production migration: an existing VPC, a self-managed source (SASL/SCRAM) and a new
 * target MSK cluster with IAM auth. Replace the ids below with your own before deploying.
 */
export const prodConfig: PlatformConfig = {
  name: 'prod',
  stackName: 'Mm2ChatopsProd',
  account: '111122223333',
  region: 'eu-west-1',
  vpc: {
    kind: 'import',
    vpcId: 'vpc-0a1b2c3d4e5f60718',
    vpcCidrBlock: '10.20.0.0/16',
    availabilityZones: ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'],
    privateSubnetIds: ['subnet-0aaa1111bbbb2222c', 'subnet-0ddd3333eeee4444f', 'subnet-0abc5555def06666a'],
    privateSubnetRouteTableIds: ['rtb-0aaa1111bbbb2222c', 'rtb-0ddd3333eeee4444f', 'rtb-0abc5555def06666a'],
  },
  namespace: 'mm2.internal',
  source: {
    kind: 'external',
    bootstrapServers: 'kafka-1.onprem.example:9096,kafka-2.onprem.example:9096,kafka-3.onprem.example:9096',
    authMode: 'sasl-scram',
  },
  target: {
    kind: 'msk',
    clusterName: 'mm2-prod-target',
    kafkaVersion: '3.8.x',
    brokerInstanceType: 'kafka.m7g.large',
    numberOfBrokerNodes: 3,
    volumeSizeGiB: 1000,
  },
  connect: {
    imageTag: '1.0.0',
    cpu: 2048,
    memoryMiB: 4096,
    heap: '3g',
    groupId: 'mm2-connect',
    minTasks: 2,
    maxTasks: 6,
    cpuTargetPercent: 65,
    memoryTargetPercent: 80,
    scaleInCooldownSeconds: 900,
    scaleOutCooldownSeconds: 180,
    internalTopicReplicationFactor: 3,
    // connectors/profiles/example-msk.yml reads the source credentials from this file.
    secretFiles: { 'source-scram.properties': 'mm2/prod/source-scram' },
  },
  monitoring: {
    prometheus: { imageTag: '1.0.0', cpu: 1024, memoryMiB: 2048, retention: '15d' },
    grafana: { imageTag: '1.0.0', cpu: 512, memoryMiB: 1024 },
    operatorCidrs: ['10.20.0.0/16'],
  },
  bot: {
    imageTag: '1.0.0',
    cpu: 512,
    memoryMiB: 1024,
    channels: ['C0MIGRATION'],
    roles: { viewer: ['S0PLATFORM'], operator: ['S0KAFKAOPS'], approver: ['S0KAFKALEADS'] },
    profile: 'example-msk',
    slackTokensSecretName: 'mm2/prod/slack-tokens',
    metricsScrape: true,
    // The source uses SASL/SCRAM: the bot reads its offsets with its own password.
    kafkaPasswordSecrets: { source: 'mm2/prod/bot-source-scram' },
  },
  logRetention: RetentionDays.THREE_MONTHS,
  removal: 'retain',
  tags: { project: 'mm2-chatops', environment: 'prod' },
};
