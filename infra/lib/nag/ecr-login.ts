import type * as ecs from 'aws-cdk-lib/aws-ecs';
import type { NagAcknowledger } from './acknowledger';

/** The execution role's ecr:GetAuthorizationToken grant, which AWS only allows on Resource "*". */
export function acknowledgeEcrLogin(taskDefinition: ecs.TaskDefinition, nag: NagAcknowledger): void {
  if (!taskDefinition.executionRole) return;
  nag.acknowledge(taskDefinition.executionRole, {
    id: 'AwsSolutions-IAM5[Resource::*]',
    reason:
      'ecr:GetAuthorizationToken supports no resource-level permissions; image pulls themselves are scoped to the repository.',
  });
}
