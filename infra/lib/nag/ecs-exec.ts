import type * as ecs from 'aws-cdk-lib/aws-ecs';
import type { NagAcknowledger } from './acknowledger';

/** ECS Exec adds the SSM messages channel to the task role; those actions have no resource-level permissions. */
export function acknowledgeEcsExec(taskDefinition: ecs.TaskDefinition, nag: NagAcknowledger): void {
  nag.acknowledge(taskDefinition, {
    id: 'AwsSolutions-IAM5[Resource::*]',
    reason:
      'ECS Exec (ssmmessages:Create/OpenControlChannel, Create/OpenDataChannel) supports no resource-level permissions; it is how operators reach a task (infra/README.md).',
  });
}
