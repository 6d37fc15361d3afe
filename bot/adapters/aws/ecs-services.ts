import {
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  ECSClient,
  RegisterTaskDefinitionCommand,
  UpdateServiceCommand,
  type RegisterTaskDefinitionCommandInput,
  type TaskDefinition,
} from '@aws-sdk/client-ecs';
import { AppError } from '../../domain/errors';
import type { EcsServices } from '../../ports/ecs-services';
import { awsError } from './aws-errors';

export interface EcsServicesOptions {
  region: string;
  endpoint?: string;
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
}

/** The fields RegisterTaskDefinition accepts back from DescribeTaskDefinition (the rest is read-only). */
const REGISTRABLE = [
  'family',
  'taskRoleArn',
  'executionRoleArn',
  'networkMode',
  'containerDefinitions',
  'volumes',
  'placementConstraints',
  'requiresCompatibilities',
  'cpu',
  'memory',
  'pidMode',
  'ipcMode',
  'proxyConfiguration',
  'inferenceAccelerators',
  'ephemeralStorage',
  'runtimePlatform',
] as const;

/** EcsServices over the AWS SDK: describe, register one changed revision, update the service. */
export const createEcsServices = (options: EcsServicesOptions): EcsServices => {
  const ecs = new ECSClient({
    region: options.region,
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
    ...(options.credentials ? { credentials: options.credentials } : {}),
    maxAttempts: 2,
  });
  const where = options.endpoint ? `endpoint ${new URL(options.endpoint).host}` : `region ${options.region}`;
  const call = async <T>(what: string, fn: () => Promise<T>): Promise<T> => {
    try {
      return await fn();
    } catch (error) {
      throw awsError(where, what, error);
    }
  };
  const definition = (arn: string): Promise<TaskDefinition> =>
    call(`describe task definition ${arn}`, async () => {
      const out = await ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: arn }));
      if (!out.taskDefinition) throw new AppError('NOT_FOUND', `Task definition ${arn} does not exist.`);
      return out.taskDefinition;
    });
  const familyOf = (arn: string) => arn.split('/').pop()!.split(':')[0]!;

  return {
    describe: (cluster, service) =>
      call(`describe service ${service}`, async () => {
        const out = await ecs.send(new DescribeServicesCommand({ cluster, services: [service] }));
        const found = out.services?.find((s) => s.status !== 'INACTIVE');
        if (!found?.taskDefinition)
          throw new AppError(
            'NOT_FOUND',
            `ECS service ${service} does not exist in cluster ${cluster}.`,
            'Check the runbook.',
          );
        return {
          desiredCount: found.desiredCount ?? 0,
          runningCount: found.runningCount ?? 0,
          taskDefinition: found.taskDefinition,
        };
      }),
    environment: async (arn, container) => {
      const def = await definition(arn);
      const c = def.containerDefinitions?.find((x) => x.name === container);
      if (!c)
        throw new AppError(
          'NOT_FOUND',
          `Task definition ${arn} has no container ${container}.`,
          'Check the runbook.',
        );
      return Object.fromEntries((c.environment ?? []).map((e) => [e.name ?? '', e.value ?? '']));
    },
    latestRevision: async (arn) => (await definition(familyOf(arn))).taskDefinitionArn ?? arn,
    registerWithEnv: async (arn, container, name, value) => {
      const def = await definition(arn);
      const input = Object.fromEntries(
        REGISTRABLE.filter((k) => def[k] !== undefined).map((k) => [k, def[k]]),
      ) as unknown as RegisterTaskDefinitionCommandInput;
      input.containerDefinitions = (def.containerDefinitions ?? []).map((c) =>
        c.name !== container
          ? c
          : { ...c, environment: [...(c.environment ?? []).filter((e) => e.name !== name), { name, value }] },
      );
      return call(`register a revision of ${familyOf(arn)}`, async () => {
        const out = await ecs.send(new RegisterTaskDefinitionCommand(input));
        return out.taskDefinition!.taskDefinitionArn!;
      });
    },
    update: (cluster, service, change) =>
      call(`update service ${service}`, async () => {
        await ecs.send(
          new UpdateServiceCommand({
            cluster,
            service,
            ...(change.desiredCount !== undefined ? { desiredCount: change.desiredCount } : {}),
            ...(change.taskDefinition ? { taskDefinition: change.taskDefinition } : {}),
          }),
        );
      }),
  };
};
