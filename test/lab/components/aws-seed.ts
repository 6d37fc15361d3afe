import {
  ApplicationAutoScalingClient,
  PutScalingPolicyCommand,
  RegisterScalableTargetCommand,
} from '@aws-sdk/client-application-auto-scaling';
import { CreateRepositoryCommand, ECRClient, PutImageCommand } from '@aws-sdk/client-ecr';
import {
  CreateClusterCommand,
  CreateServiceCommand,
  DescribeServicesCommand,
  ECSClient,
  RegisterTaskDefinitionCommand,
} from '@aws-sdk/client-ecs';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';

/** What the lab seeds in moto: the AWS side of a migration, as the CDK app would create it. */
export const LAB_AWS = {
  region: 'us-east-1',
  account: '123456789012',
  cluster: 'mm2-lab',
  service: 'kafka-connect',
  repository: 'kafka-connect',
  imageTag: 'lab',
  bucket: 'mm2-chatops-lab',
  scalableResource: 'service/mm2-lab/kafka-connect',
  cpuPolicy: 'connect-cpu',
  minCapacity: 1,
  maxCapacity: 4,
  desiredCount: 2,
  cpuTarget: 60,
} as const;

export function awsClientConfig(endpoint: string) {
  return {
    endpoint,
    region: LAB_AWS.region,
    forcePathStyle: true,
    credentials: { accessKeyId: 'lab', secretAccessKey: 'lab' },
  };
}

/** Idempotent: an already seeded moto is left as it is. */
export async function seedAws(endpoint: string): Promise<void> {
  const cfg = awsClientConfig(endpoint);
  const ecs = new ECSClient(cfg);
  const existing = await ecs
    .send(new DescribeServicesCommand({ cluster: LAB_AWS.cluster, services: [LAB_AWS.service] }))
    .catch(() => undefined);
  if (existing?.services?.some((s) => s.status === 'ACTIVE')) return;

  const ecr = new ECRClient(cfg);
  const repo = await ecr.send(new CreateRepositoryCommand({ repositoryName: LAB_AWS.repository }));
  await ecr.send(
    new PutImageCommand({
      repositoryName: LAB_AWS.repository,
      imageTag: LAB_AWS.imageTag,
      imageManifest: JSON.stringify({
        schemaVersion: 2,
        mediaType: 'application/vnd.docker.distribution.manifest.v2+json',
        config: {
          mediaType: 'application/vnd.docker.container.image.v1+json',
          size: 1,
          digest: 'sha256:' + '0'.repeat(64),
        },
        layers: [],
      }),
    }),
  );
  const image = `${repo.repository?.repositoryUri}:${LAB_AWS.imageTag}`;

  await ecs.send(
    new CreateClusterCommand({
      clusterName: LAB_AWS.cluster,
      settings: [{ name: 'containerInsights', value: 'enabled' }],
    }),
  );
  const taskDef = await ecs.send(
    new RegisterTaskDefinitionCommand({
      family: LAB_AWS.service,
      requiresCompatibilities: ['FARGATE'],
      networkMode: 'awsvpc',
      cpu: '1024',
      memory: '2048',
      containerDefinitions: [
        {
          name: 'kafka-connect',
          image,
          essential: true,
          portMappings: [{ containerPort: 8083 }, { containerPort: 9404 }],
        },
      ],
    }),
  );
  await ecs.send(
    new CreateServiceCommand({
      cluster: LAB_AWS.cluster,
      serviceName: LAB_AWS.service,
      taskDefinition: taskDef.taskDefinition?.taskDefinitionArn,
      desiredCount: LAB_AWS.desiredCount,
      launchType: 'FARGATE',
    }),
  );

  const scaling = new ApplicationAutoScalingClient(cfg);
  await scaling.send(
    new RegisterScalableTargetCommand({
      ServiceNamespace: 'ecs',
      ResourceId: LAB_AWS.scalableResource,
      ScalableDimension: 'ecs:service:DesiredCount',
      MinCapacity: LAB_AWS.minCapacity,
      MaxCapacity: LAB_AWS.maxCapacity,
    }),
  );
  await scaling.send(
    new PutScalingPolicyCommand({
      PolicyName: LAB_AWS.cpuPolicy,
      ServiceNamespace: 'ecs',
      ResourceId: LAB_AWS.scalableResource,
      ScalableDimension: 'ecs:service:DesiredCount',
      PolicyType: 'TargetTrackingScaling',
      TargetTrackingScalingPolicyConfiguration: {
        TargetValue: LAB_AWS.cpuTarget,
        PredefinedMetricSpecification: { PredefinedMetricType: 'ECSServiceAverageCPUUtilization' },
        ScaleInCooldown: 300,
        ScaleOutCooldown: 60,
      },
    }),
  );

  await new S3Client(cfg).send(new CreateBucketCommand({ Bucket: LAB_AWS.bucket }));
}
