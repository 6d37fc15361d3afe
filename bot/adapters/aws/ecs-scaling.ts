import { ECSClient, DescribeServicesCommand, DescribeTaskDefinitionCommand } from '@aws-sdk/client-ecs';
import { ECRClient, DescribeImagesCommand } from '@aws-sdk/client-ecr';
import {
  ApplicationAutoScalingClient,
  DescribeScalableTargetsCommand,
  DescribeScalingPoliciesCommand,
  DescribeScalingActivitiesCommand,
} from '@aws-sdk/client-application-auto-scaling';
import { AppError } from '../../domain/errors';
import type {
  Availability,
  ContainerImage,
  ScalingActivity,
  ScalingInfo,
  ScalingPolicy,
  ServiceScaling,
} from '../../ports/scaling';
import { awsError, errorText, isNotImplemented } from './aws-errors';
import { parseEcrImage } from './ecr-image';

export interface EcsScalingOptions {
  region: string;
  cluster: string;
  service: string;
  /** Override for tests (moto) or VPC endpoints. */
  endpoint?: string;
  /** Static credentials (tests); otherwise the default provider chain. */
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  /** How many recent scaling activities to show. */
  activities?: number;
}

const notAvailable = (api: string, error: unknown): { available: false; reason: string } => {
  const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
  return {
    available: false,
    reason: `${api} is not available on this endpoint${status ? ` (HTTP ${status})` : ''}`,
  };
};

/** ScalingInfo over ECS, ECR and Application Auto Scaling (AWS SDK v3). */
export const createEcsScaling = (options: EcsScalingOptions): ScalingInfo => {
  const config = {
    region: options.region,
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
    ...(options.credentials ? { credentials: options.credentials } : {}),
    maxAttempts: 2,
  };
  const ecs = new ECSClient(config);
  const ecr = new ECRClient(config);
  const aas = new ApplicationAutoScalingClient(config);
  const where = options.endpoint ? `endpoint ${new URL(options.endpoint).host}` : `region ${options.region}`;
  const resourceId = `service/${options.cluster}/${options.service}`;

  const imageInfo = async (container: string, image: string): Promise<ContainerImage> => {
    const ref = parseEcrImage(image);
    if (!ref) return { container, image, note: 'not an ECR image' };
    try {
      const out = await ecr.send(
        new DescribeImagesCommand({
          registryId: ref.registryId,
          repositoryName: ref.repository,
          imageIds: [ref.digest ? { imageDigest: ref.digest } : { imageTag: ref.tag }],
        }),
      );
      const detail = out.imageDetails?.[0];
      if (!detail) return { container, image, note: 'image not found in ECR' };
      const info: ContainerImage = { container, image };
      if (detail.imagePushedAt) info.pushedAt = detail.imagePushedAt;
      if (detail.imageDigest) info.digest = detail.imageDigest;
      return info;
    } catch (error) {
      const text = errorText(error);
      if (/ImageNotFound|RepositoryNotFound/.test(text))
        return { container, image, note: 'image not found in ECR' };
      throw awsError(where, `describe the ECR image ${image}`, error);
    }
  };

  const autoscalingTarget = async (): Promise<ServiceScaling['autoscaling']> => {
    try {
      const out = await aas.send(
        new DescribeScalableTargetsCommand({
          ServiceNamespace: 'ecs',
          ResourceIds: [resourceId],
          ScalableDimension: 'ecs:service:DesiredCount',
        }),
      );
      const target = out.ScalableTargets?.[0];
      return {
        available: true,
        value: target
          ? { min: target.MinCapacity ?? 0, max: target.MaxCapacity ?? 0, resourceId }
          : undefined,
      };
    } catch (error) {
      if (isNotImplemented(error)) return notAvailable('DescribeScalableTargets', error);
      throw awsError(where, 'describe the scalable target', error);
    }
  };

  const policies = async (): Promise<Availability<ScalingPolicy[]>> => {
    try {
      const out = await aas.send(
        new DescribeScalingPoliciesCommand({
          ServiceNamespace: 'ecs',
          ResourceId: resourceId,
          ScalableDimension: 'ecs:service:DesiredCount',
        }),
      );
      return {
        available: true,
        value: (out.ScalingPolicies ?? []).map((p) => {
          const tracking = p.TargetTrackingScalingPolicyConfiguration;
          const policy: ScalingPolicy = { name: p.PolicyName ?? '?', type: p.PolicyType ?? '?' };
          if (tracking?.TargetValue !== undefined) policy.targetValue = tracking.TargetValue;
          const metric =
            tracking?.PredefinedMetricSpecification?.PredefinedMetricType ??
            tracking?.CustomizedMetricSpecification?.MetricName;
          if (metric) policy.metric = metric;
          if (tracking?.ScaleInCooldown !== undefined) policy.scaleInCooldown = tracking.ScaleInCooldown;
          if (tracking?.ScaleOutCooldown !== undefined) policy.scaleOutCooldown = tracking.ScaleOutCooldown;
          return policy;
        }),
      };
    } catch (error) {
      if (isNotImplemented(error)) return notAvailable('DescribeScalingPolicies', error);
      throw awsError(where, 'describe the scaling policies', error);
    }
  };

  const activities = async (): Promise<Availability<ScalingActivity[]>> => {
    try {
      const out = await aas.send(
        new DescribeScalingActivitiesCommand({
          ServiceNamespace: 'ecs',
          ResourceId: resourceId,
          ScalableDimension: 'ecs:service:DesiredCount',
          MaxResults: options.activities ?? 5,
        }),
      );
      return {
        available: true,
        value: (out.ScalingActivities ?? []).map((a) => {
          const activity: ScalingActivity = { status: a.StatusCode ?? '?', description: a.Description ?? '' };
          if (a.StartTime) activity.startedAt = a.StartTime;
          if (a.EndTime) activity.endedAt = a.EndTime;
          if (a.Cause) activity.cause = a.Cause;
          return activity;
        }),
      };
    } catch (error) {
      if (isNotImplemented(error)) return notAvailable('DescribeScalingActivities', error);
      throw awsError(where, 'describe the scaling activities', error);
    }
  };

  return {
    describe: async () => {
      let service;
      try {
        const out = await ecs.send(
          new DescribeServicesCommand({ cluster: options.cluster, services: [options.service] }),
        );
        service = out.services?.find((s) => s.status !== 'INACTIVE') ?? out.services?.[0];
      } catch (error) {
        if (/ClusterNotFound/.test(errorText(error))) {
          throw new AppError(
            'NOT_FOUND',
            `ECS cluster '${options.cluster}' does not exist (${where}).`,
            'Check the scaling settings in the bot config.',
          );
        }
        throw awsError(where, 'describe the ECS service', error);
      }
      if (!service || !service.taskDefinition) {
        throw new AppError(
          'NOT_FOUND',
          `ECS service '${options.service}' was not found in cluster '${options.cluster}' (${where}).`,
          'Check the scaling settings in the bot config.',
        );
      }
      let taskDefinition;
      try {
        const out = await ecs.send(
          new DescribeTaskDefinitionCommand({ taskDefinition: service.taskDefinition }),
        );
        taskDefinition = out.taskDefinition;
      } catch (error) {
        throw awsError(where, `describe task definition ${service.taskDefinition}`, error);
      }
      const containers = taskDefinition?.containerDefinitions ?? [];
      const [images, target, policyList, activityList] = await Promise.all([
        Promise.all(containers.map((c) => imageInfo(c.name ?? '?', c.image ?? '?'))),
        autoscalingTarget(),
        policies(),
        activities(),
      ]);
      const report: ServiceScaling = {
        cluster: options.cluster,
        service: service.serviceName ?? options.service,
        status: service.status ?? '?',
        desired: service.desiredCount ?? 0,
        running: service.runningCount ?? 0,
        pending: service.pendingCount ?? 0,
        deployments: (service.deployments ?? []).map((d) => ({
          id: d.id ?? '?',
          status: d.status ?? '?',
          ...(d.rolloutState ? { rolloutState: d.rolloutState } : {}),
          ...(d.rolloutStateReason ? { rolloutStateReason: d.rolloutStateReason } : {}),
          desired: d.desiredCount ?? 0,
          running: d.runningCount ?? 0,
          pending: d.pendingCount ?? 0,
          ...(d.failedTasks !== undefined ? { failedTasks: d.failedTasks } : {}),
          taskDefinition: d.taskDefinition ?? '?',
          ...(d.createdAt ? { createdAt: d.createdAt } : {}),
          ...(d.updatedAt ? { updatedAt: d.updatedAt } : {}),
        })),
        taskDefinition: {
          arn: taskDefinition?.taskDefinitionArn ?? service.taskDefinition,
          family: taskDefinition?.family ?? '?',
          revision: taskDefinition?.revision ?? 0,
          ...(taskDefinition?.cpu ? { cpu: taskDefinition.cpu } : {}),
          ...(taskDefinition?.memory ? { memory: taskDefinition.memory } : {}),
        },
        images,
        autoscaling: target,
        policies: policyList,
        activities: activityList,
      };
      return report;
    },
  };
};
