import { Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as msk from 'aws-cdk-lib/aws-msk';
import * as appscaling from 'aws-cdk-lib/aws-applicationautoscaling';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import type { MskClusterSpec } from '../config/types';
import { grantDescribeOn, grantMirrorMakerOn, type KafkaClusterArns } from './kafka-grants';
import type { NagAcknowledger } from './nag/acknowledger';
import { wildcardResourceFinding } from './nag/wildcards';
import { removalPolicyOf } from './removal';

/** MSK's port for IAM-authenticated clients over TLS. */
export const MSK_IAM_PORT = 9098;
/** Open monitoring: the JMX exporter and the node exporter on every broker. */
export const MSK_JMX_EXPORTER_PORT = 11001;
export const MSK_NODE_EXPORTER_PORT = 11002;

/**
 * Broker settings the migration relies on, instead of MSK's defaults: never elect an out-of-sync
 * replica (unclean election loses acknowledged records), no topics created by a stray client (MM2
 * creates its topics with the source's partition count), and acks=all writes that survive one broker.
 */
export function brokerProperties(brokers: number): string {
  return [
    'unclean.leader.election.enable=false',
    'auto.create.topics.enable=false',
    `default.replication.factor=${Math.min(3, brokers)}`,
    `min.insync.replicas=${Math.max(1, Math.min(2, brokers - 1))}`,
    'allow.everyone.if.no.acl.found=false',
    '',
  ].join('\n');
}

export interface MskClusterProps {
  readonly spec: MskClusterSpec;
  readonly vpc: ec2.IVpc;
  readonly subnets: ec2.SubnetSelection;
  /** Pinned CloudFormation logical ID of the cluster, e.g. TargetMskCluster. */
  readonly logicalId: string;
  readonly logRetention: logs.RetentionDays;
  readonly removal: 'retain' | 'destroy';
  readonly nag: NagAcknowledger;
}

/** A provisioned MSK cluster: IAM auth only, TLS in transit, a customer KMS key at rest, broker logs. */
export class MskCluster extends Construct {
  readonly cluster: msk.CfnCluster;
  readonly securityGroup: ec2.SecurityGroup;
  readonly bootstrapServers: string;
  private readonly nag: NagAcknowledger;

  constructor(scope: Construct, id: string, props: MskClusterProps) {
    super(scope, id);
    const { spec } = props;
    this.nag = props.nag;
    const removalPolicy = removalPolicyOf(props.removal);
    const subnetIds = props.vpc.selectSubnets(props.subnets).subnetIds;
    if (spec.numberOfBrokerNodes % subnetIds.length !== 0)
      throw new Error(
        `${spec.clusterName}: numberOfBrokerNodes (${spec.numberOfBrokerNodes}) must be a multiple of the ${subnetIds.length} private subnets.`,
      );

    const key = new kms.Key(this, 'DataKey', {
      description: `MSK ${spec.clusterName} data at rest`,
      enableKeyRotation: true,
      removalPolicy,
    });
    (key.node.defaultChild as kms.CfnKey).overrideLogicalId(`${props.logicalId}DataKey`);
    const brokerLogs = new logs.LogGroup(this, 'BrokerLogs', {
      retention: props.logRetention,
      removalPolicy,
    });
    this.securityGroup = new ec2.SecurityGroup(this, 'SecurityGroup', {
      vpc: props.vpc,
      description: `MSK ${spec.clusterName} brokers`,
      allowAllOutbound: false,
    });

    const configuration = new msk.CfnConfiguration(this, 'Configuration', {
      name: `${spec.clusterName}-config`,
      description: 'MM2 migration: no unclean election, no auto-created topics',
      kafkaVersionsList: [spec.kafkaVersion],
      serverProperties: brokerProperties(spec.numberOfBrokerNodes),
    });

    this.cluster = new msk.CfnCluster(this, 'Cluster', {
      clusterName: spec.clusterName,
      kafkaVersion: spec.kafkaVersion,
      numberOfBrokerNodes: spec.numberOfBrokerNodes,
      brokerNodeGroupInfo: {
        instanceType: spec.brokerInstanceType,
        clientSubnets: subnetIds,
        securityGroups: [this.securityGroup.securityGroupId],
        storageInfo: { ebsStorageInfo: { volumeSize: spec.volumeSizeGiB } },
      },
      clientAuthentication: { sasl: { iam: { enabled: true } }, unauthenticated: { enabled: false } },
      encryptionInfo: {
        encryptionAtRest: { dataVolumeKmsKeyId: key.keyArn },
        encryptionInTransit: { clientBroker: 'TLS', inCluster: true },
      },
      loggingInfo: { brokerLogs: { cloudWatchLogs: { enabled: true, logGroup: brokerLogs.logGroupName } } },
      enhancedMonitoring: 'PER_TOPIC_PER_BROKER',
      configurationInfo: { arn: configuration.attrArn, revision: 1 },
      // Broker metrics for Prometheus (scraped on 11001/11002 through the broker DNS names).
      openMonitoring: {
        prometheus: {
          jmxExporter: { enabledInBroker: true },
          nodeExporter: { enabledInBroker: true },
        },
      },
    });
    this.cluster.applyRemovalPolicy(removalPolicy);
    this.cluster.overrideLogicalId(props.logicalId);

    // CloudFormation does not return bootstrap brokers: ask the MSK API once the cluster exists.
    const brokers = new cr.AwsCustomResource(this, 'BootstrapBrokers', {
      onUpdate: {
        service: 'Kafka',
        action: 'getBootstrapBrokers',
        parameters: { ClusterArn: this.cluster.attrArn },
        physicalResourceId: cr.PhysicalResourceId.of(this.cluster.attrArn),
        outputPaths: ['BootstrapBrokerStringSaslIam'],
      },
      policy: cr.AwsCustomResourcePolicy.fromSdkCalls({ resources: [this.cluster.attrArn] }),
      installLatestAwsSdk: false,
    });
    this.bootstrapServers = brokers.getResponseField('BootstrapBrokerStringSaslIam');

    // Storage grows before it fills: target 70 % disk use per broker, up to maxVolumeSizeGiB.
    const storage = new appscaling.ScalableTarget(this, 'StorageScaling', {
      serviceNamespace: appscaling.ServiceNamespace.KAFKA,
      scalableDimension: 'kafka:broker-storage:VolumeSize',
      resourceId: this.cluster.attrArn,
      minCapacity: spec.volumeSizeGiB,
      maxCapacity: spec.maxVolumeSizeGiB ?? spec.volumeSizeGiB * 4,
    });
    storage.scaleToTrackMetric('DiskUse', {
      predefinedMetric: appscaling.PredefinedMetric.KAFKA_BROKER_STORAGE_UTILIZATION,
      targetValue: 70,
      disableScaleIn: true,
    });
    acknowledgeSdkCallProvider(this, props.nag);
  }

  /** Lets a service reach the brokers with IAM over TLS. */
  allowClientsFrom(peer: ec2.ISecurityGroup, description: string): void {
    this.securityGroup.addIngressRule(peer, ec2.Port.tcp(MSK_IAM_PORT), description);
  }

  /** Lets Prometheus scrape the brokers' exporters. */
  allowPrometheusFrom(peer: ec2.ISecurityGroup): void {
    this.securityGroup.addIngressRule(
      peer,
      ec2.Port.tcpRange(MSK_JMX_EXPORTER_PORT, MSK_NODE_EXPORTER_PORT),
      'Prometheus scrapes the brokers (open monitoring)',
    );
  }

  /** The cluster, all its topics and all its groups: <kind>/<cluster name>/<cluster uuid>/<name>. */
  get arns(): KafkaClusterArns {
    const child = (kind: 'topic' | 'group') =>
      Stack.of(this).formatArn({
        service: 'kafka',
        resource: kind,
        resourceName: `${this.cluster.clusterName}/*`,
      });
    return { cluster: this.cluster.attrArn, topics: child('topic'), groups: child('group') };
  }

  private acknowledgeChildWildcards(grantee: iam.IGrantable, purpose: string): void {
    for (const kind of ['topics', 'groups'] as const)
      this.nag.acknowledge(grantee.grantPrincipal as unknown as Construct, {
        id: wildcardResourceFinding(this, this.arns[kind]),
        reason: `${purpose}: every ${kind.slice(0, -1)} of cluster ${this.cluster.clusterName}, which the migration profile's regexes choose at run time.`,
      });
  }

  /** The kafka-cluster actions MM2 needs on this cluster: describe and read; write and create with `write`. */
  grantMirrorMaker(grantee: iam.IGrantable, access: { write: boolean }): void {
    grantMirrorMakerOn(grantee, this.arns, access.write);
    this.acknowledgeChildWildcards(
      grantee,
      access.write
        ? 'MM2 writes replicated topics and syncs group offsets'
        : 'MM2 reads the replicated topics',
    );
  }

  /** Read-only metadata: topics' offsets and groups' committed offsets (the bot's lag views). */
  grantDescribe(grantee: iam.IGrantable): void {
    grantDescribeOn(grantee, this.arns);
    this.acknowledgeChildWildcards(grantee, 'The bot reads offsets for its lag views');
  }
}

/** The Lambda that AwsCustomResource adds once per stack. */
function acknowledgeSdkCallProvider(scope: Construct, nag: NagAcknowledger): void {
  const provider = Stack.of(scope).node.tryFindChild('AWS679f53fac002430cb0da5b7982bd2287');
  if (!provider) return;
  nag.acknowledge(provider, {
    id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
    reason:
      'CDK-provided custom resource Lambda: the AWS managed basic execution policy only lets it write its own logs.',
  });
}
