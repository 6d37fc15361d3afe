import { CfnResource } from 'aws-cdk-lib';
import { labConfig } from '../../../infra/config/lab';
import { prodConfig } from '../../../infra/config/prod';
import { buildPlatform, type Built } from './helpers/platform';

// Building and synthesizing the stack takes seconds on a shared 2-core machine.
jest.setTimeout(120_000);

/**
 * Stateful resources keep these logical IDs forever: a changed ID makes CloudFormation create a new
 * resource and delete (or orphan) the old one, with its data. Change this list only with a migration plan.
 */
const PINNED: Record<string, string> = {
  TargetMskCluster: 'AWS::MSK::Cluster',
  TargetMskClusterDataKey: 'AWS::KMS::Key',
  EcsCluster: 'AWS::ECS::Cluster',
  ConfigBucket: 'AWS::S3::Bucket',
  ConfigAccessLogsBucket: 'AWS::S3::Bucket',
  GrafanaAdminPassword: 'AWS::SecretsManager::Secret',
  KafkaConnectRepository: 'AWS::ECR::Repository',
  PrometheusRepository: 'AWS::ECR::Repository',
  GrafanaRepository: 'AWS::ECR::Repository',
  BotRepository: 'AWS::ECR::Repository',
};
const PINNED_WITH_SOURCE_MSK: Record<string, string> = {
  ...PINNED,
  SourceMskCluster: 'AWS::MSK::Cluster',
  SourceMskClusterDataKey: 'AWS::KMS::Key',
};

/** logical ID -> type of every resource of both stacks, straight from the construct tree (no synthesis). */
function logicalIds(built: Built): Record<string, string> {
  const out: Record<string, string> = {};
  for (const stack of [built.images, built.stack])
    for (const node of stack.node.findAll())
      if (CfnResource.isCfnResource(node)) {
        const id = stack.resolve(node.logicalId) as string;
        if (out[id]) throw new Error(`Logical ID ${id} is used in both stacks: pinned IDs must stay unique.`);
        out[id] = node.cfnResourceType;
      }
  return out;
}

describe('pinned logical IDs of stateful resources', () => {
  const built: Built[] = [];
  afterAll(() => built.forEach((b) => b.dispose()));

  it.each([
    ['lab', labConfig, PINNED_WITH_SOURCE_MSK],
    ['prod', prodConfig, PINNED],
  ])('are unchanged in %s', (_name, config, expected) => {
    const b = buildPlatform(config);
    built.push(b);
    const ids = logicalIds(b);
    for (const [id, type] of Object.entries(expected)) expect({ id, type: ids[id] }).toEqual({ id, type });
  });

  it('covers every cluster, bucket, secret, key and repository the stack creates', () => {
    const b = buildPlatform(labConfig);
    built.push(b);
    const stateful = new Set(Object.values(PINNED_WITH_SOURCE_MSK));
    const created = Object.entries(logicalIds(b))
      .filter(([, type]) => stateful.has(type))
      .map(([id]) => id)
      .sort();
    expect(created).toEqual(Object.keys(PINNED_WITH_SOURCE_MSK).sort());
  });
});
