import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { PlatformConfig } from './types';

/**
 * A rehearsal environment: a new VPC, a source and a target MSK cluster (MSK-to-MSK), small sizes.
 * Everything is destroyed with the stack.
 */
export const labConfig: PlatformConfig = {
  name: 'lab',
  stackName: 'Mm2ChatopsLab',
  region: 'eu-west-1',
  vpc: {
    kind: 'create',
    cidr: '10.42.0.0/16',
    maxAzs: 2,
    natGateways: 1,
  },
  namespace: 'mm2.internal',
  source: {
    kind: 'msk',
    clusterName: 'mm2-lab-source',
    kafkaVersion: '3.8.x',
    brokerInstanceType: 'kafka.t3.small',
    numberOfBrokerNodes: 2,
    volumeSizeGiB: 20,
  },
  target: {
    kind: 'msk',
    clusterName: 'mm2-lab-target',
    kafkaVersion: '3.8.x',
    brokerInstanceType: 'kafka.t3.small',
    numberOfBrokerNodes: 2,
    volumeSizeGiB: 20,
  },
  connect: {
    imageTag: '0.1.0',
    cpu: 1024,
    memoryMiB: 2048,
    heap: '1g',
    groupId: 'mm2-connect',
    minTasks: 1,
    maxTasks: 3,
    cpuTargetPercent: 70,
    scaleInCooldownSeconds: 600,
    scaleOutCooldownSeconds: 120,
    internalTopicReplicationFactor: 2,
  },
  monitoring: {
    prometheus: { imageTag: '0.1.0', cpu: 512, memoryMiB: 1024, retention: '7d' },
    grafana: { imageTag: '0.1.0', cpu: 256, memoryMiB: 512 },
    operatorCidrs: ['10.42.0.0/16'],
  },
  bot: {
    imageTag: '0.1.0',
    cpu: 256,
    memoryMiB: 512,
    channels: ['C0123456789'],
    roles: { viewer: ['S0VIEWERS1'], operator: ['S0OPERATOR'], approver: ['U0APPROVE1', 'U0APPROVE2'] },
    // connectors/profiles/aws-lab.yml: the clusters this stack creates (not the local lab's 127.0.0.1).
    profile: 'aws-lab',
    slackTokensSecretName: 'mm2/lab/slack-tokens',
    metricsScrape: true,
    cutoverServices: [
      { cluster: 'mm2-lab', service: 'ledger-consumer' },
      { cluster: 'mm2-lab', service: 'ledger-producer' },
    ],
  },
  logRetention: RetentionDays.ONE_WEEK,
  removal: 'destroy',
  tags: { project: 'mm2-chatops', environment: 'lab' },
};
