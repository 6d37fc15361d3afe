import { Stack } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
// cdk-nag's own formatting of a resource in IAM5 finding ids; kept in step with the rule that reports them.
import { flattenCfnReference } from 'cdk-nag/lib/utils/flatten-cfn-reference';

/** The AwsSolutions-IAM5 finding id for a wildcard resource ARN (tokens allowed), as cdk-nag names it. */
export function wildcardResourceFinding(scope: IConstruct, arn: string): string {
  return `AwsSolutions-IAM5[Resource::${flattenCfnReference(Stack.of(scope).resolve(arn))}]`;
}

/** The AwsSolutions-IAM5 finding id for a wildcard action such as s3:GetObject*. */
export function wildcardActionFinding(action: string): string {
  return `AwsSolutions-IAM5[Action::${action}]`;
}
