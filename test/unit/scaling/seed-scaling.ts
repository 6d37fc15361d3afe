import {
  ECSClient,
  CreateClusterCommand,
  RegisterTaskDefinitionCommand,
  CreateServiceCommand,
} from '@aws-sdk/client-ecs';
import { ECRClient, CreateRepositoryCommand, PutImageCommand } from '@aws-sdk/client-ecr';
import {
  ApplicationAutoScalingClient,
  RegisterScalableTargetCommand,
  PutScalingPolicyCommand,
} from '@aws-sdk/client-application-auto-scaling';

export const awsTestConfig = (endpoint: string) => ({
  region: 'us-east-1',
  endpoint,
  credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
});

/** Seeds what the lab seeds: cluster mm2-lab, service kafka-connect, ECR image kafka-connect:lab, target 1..4. */
export const seedScaling = async (endpoint: string): Promise<{ image: string }> => {
  const config = awsTestConfig(endpoint);
  const ecr = new ECRClient(config);
  const repo = await ecr.send(new CreateRepositoryCommand({ repositoryName: 'kafka-connect' }));
  const manifest = JSON.stringify({
    schemaVersion: 2,
    mediaType: 'application/vnd.docker.distribution.manifest.v2+json',
    config: {
      mediaType: 'application/vnd.docker.container.image.v1+json',
      size: 1,
      digest: `sha256:${'a'.repeat(64)}`,
    },
    layers: [],
  });
  await ecr.send(
    new PutImageCommand({ repositoryName: 'kafka-connect', imageManifest: manifest, imageTag: 'lab' }),
  );
  const image = `${repo.repository?.repositoryUri}:lab`;
  const ecs = new ECSClient(config);
  await ecs.send(new CreateClusterCommand({ clusterName: 'mm2-lab' }));
  await ecs.send(
    new RegisterTaskDefinitionCommand({
      family: 'kafka-connect',
      cpu: '1024',
      memory: '2048',
      requiresCompatibilities: ['FARGATE'],
      networkMode: 'awsvpc',
      containerDefinitions: [{ name: 'connect', image, essential: true }],
    }),
  );
  await ecs.send(
    new CreateServiceCommand({
      cluster: 'mm2-lab',
      serviceName: 'kafka-connect',
      taskDefinition: 'kafka-connect',
      desiredCount: 2,
      launchType: 'FARGATE',
    }),
  );
  const aas = new ApplicationAutoScalingClient(config);
  await aas.send(
    new RegisterScalableTargetCommand({
      ServiceNamespace: 'ecs',
      ResourceId: 'service/mm2-lab/kafka-connect',
      ScalableDimension: 'ecs:service:DesiredCount',
      MinCapacity: 1,
      MaxCapacity: 4,
    }),
  );
  await aas.send(
    new PutScalingPolicyCommand({
      PolicyName: 'connect-cpu',
      ServiceNamespace: 'ecs',
      ResourceId: 'service/mm2-lab/kafka-connect',
      ScalableDimension: 'ecs:service:DesiredCount',
      PolicyType: 'TargetTrackingScaling',
      TargetTrackingScalingPolicyConfiguration: {
        TargetValue: 60,
        PredefinedMetricSpecification: { PredefinedMetricType: 'ECSServiceAverageCPUUtilization' },
      },
    }),
  );
  return { image };
};
