import { CfnResource, type Stack } from 'aws-cdk-lib';

/**
 * CDK's own singleton Lambdas (BucketDeployment, AwsCustomResource, auto-delete) declare DependsOn on a
 * role they also reference with GetAtt; cfn-lint warns (W3005). That template shape is CDK's, not ours:
 * the warning is accepted on those resources only, in the template's cfn-lint metadata.
 */
const CDK_PROVIDER_PATHS = [
  /\/Custom::CDKBucketDeployment[0-9A-F]+\//,
  /\/AWS679f53fac002430cb0da5b7982bd2287\//,
  /\/Custom::S3AutoDeleteObjectsCustomResourceProvider\//,
  /\/Custom::VpcRestrictDefaultSGCustomResourceProvider\//,
];

export function acceptCdkProviderLintWarnings(stack: Stack): string[] {
  const accepted: string[] = [];
  for (const node of stack.node.findAll()) {
    if (!CfnResource.isCfnResource(node) || node.cfnResourceType !== 'AWS::Lambda::Function') continue;
    if (!CDK_PROVIDER_PATHS.some((re) => re.test(`${node.node.path}/`))) continue;
    node.addMetadata('cfn-lint', { config: { ignore_checks: ['W3005'] } });
    accepted.push(node.node.path);
  }
  return accepted;
}
