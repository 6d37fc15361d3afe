import * as iam from 'aws-cdk-lib/aws-iam';

/** The ARNs IAM access control checks on an MSK cluster: the cluster, and all its topics and groups. */
export interface KafkaClusterArns {
  readonly cluster: string;
  readonly topics: string;
  readonly groups: string;
}

/**
 * The ARNs of an MSK cluster given by its ARN, `arn:<p>:kafka:<region>:<account>:cluster/<name>/<uuid>`:
 * topics and groups live at `topic/<name>/<uuid>/*` and `group/<name>/<uuid>/*`.
 */
export function kafkaArnsOf(clusterArn: string): KafkaClusterArns {
  const match = /^(arn:[^:]+:kafka:[^:]+:\d{12}:)cluster\/([^/]+\/[^/]+)$/.exec(clusterArn);
  if (!match)
    throw new Error(
      `"${clusterArn}" is not an MSK cluster ARN: give arn:aws:kafka:<region>:<account>:cluster/<name>/<uuid> (aws kafka list-clusters-v2).`,
    );
  const [, prefix, path] = match;
  return { cluster: clusterArn, topics: `${prefix}topic/${path}/*`, groups: `${prefix}group/${path}/*` };
}

/**
 * What MM2 needs on a cluster with IAM auth: connect and describe; read the topics; with `write`, also
 * create and write topics, alter their configs and the cluster's, and write idempotently (the worker's
 * producer has enable.idempotence=true, which AWS documents as needing WriteDataIdempotently).
 */
export function grantMirrorMakerOn(grantee: iam.IGrantable, arns: KafkaClusterArns, write: boolean): void {
  const readTopic = [
    'kafka-cluster:DescribeTopic',
    'kafka-cluster:DescribeTopicDynamicConfiguration',
    'kafka-cluster:ReadData',
  ];
  const writeTopic = [
    'kafka-cluster:CreateTopic',
    'kafka-cluster:WriteData',
    'kafka-cluster:AlterTopic',
    'kafka-cluster:AlterTopicDynamicConfiguration',
  ];
  iam.Grant.addToPrincipal({
    grantee,
    actions: [
      'kafka-cluster:Connect',
      'kafka-cluster:DescribeCluster',
      ...(write ? ['kafka-cluster:AlterCluster', 'kafka-cluster:WriteDataIdempotently'] : []),
    ],
    resourceArns: [arns.cluster],
  });
  iam.Grant.addToPrincipal({
    grantee,
    actions: write ? [...readTopic, ...writeTopic] : readTopic,
    resourceArns: [arns.topics],
  });
  iam.Grant.addToPrincipal({
    grantee,
    actions: ['kafka-cluster:DescribeGroup', 'kafka-cluster:AlterGroup'],
    resourceArns: [arns.groups],
  });
}

/** Read-only metadata: topics' offsets and groups' committed offsets (the bot's lag views). */
export function grantDescribeOn(grantee: iam.IGrantable, arns: KafkaClusterArns): void {
  iam.Grant.addToPrincipal({
    grantee,
    actions: ['kafka-cluster:Connect', 'kafka-cluster:DescribeCluster'],
    resourceArns: [arns.cluster],
  });
  iam.Grant.addToPrincipal({
    grantee,
    actions: ['kafka-cluster:DescribeTopic'],
    resourceArns: [arns.topics],
  });
  iam.Grant.addToPrincipal({
    grantee,
    actions: ['kafka-cluster:DescribeGroup'],
    resourceArns: [arns.groups],
  });
}
