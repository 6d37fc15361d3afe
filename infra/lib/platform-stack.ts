import { CfnOutput, Stack, Tags, type StackProps } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { Construct } from 'constructs';
import type { ClusterSpec, ExternalClusterSpec, KafkaAuthMode, PlatformConfig } from '../config/types';
import { BotService, BOT_METRICS_PORT } from './bot-service';
import { acceptCdkProviderLintWarnings } from './cfn-lint-exceptions';
import { ConfigBucket } from './config-bucket';
import { ConnectService, CONNECT_METRICS_PORT, CONNECT_REST_PORT } from './connect-service';
import { EcsPlatform } from './ecs-platform';
import { GrafanaService, GRAFANA_PORT } from './grafana-service';
import { grantDescribeOn, grantMirrorMakerOn, kafkaArnsOf } from './kafka-grants';
import { MskCluster } from './msk-cluster';
import { NagAcknowledger } from './nag/acknowledger';
import { Network } from './network';
import { PrometheusService, PROMETHEUS_PORT } from './prometheus-service';
import type { Repositories } from './repositories';
import { ServiceLogs } from './service-logs';

export interface PlatformStackProps extends StackProps {
  readonly config: PlatformConfig;
  /** The ECR repositories, from the environment's ImagesStack (deployed first). */
  readonly repositories: Repositories;
  /** The repository's connectors/ folder, deployed to the config bucket. */
  readonly connectorsDir: string;
  /** Records every cdk-nag acknowledgement; tests pass one that leaves some out. */
  readonly nag?: NagAcknowledger;
}

/** A Kafka cluster as the platform sees it: how to reach it, and the MSK cluster when this stack owns it. */
interface KafkaEndpoint {
  readonly bootstrapServers: string;
  readonly authMode: KafkaAuthMode;
  readonly msk?: MskCluster;
  /** A cluster the stack does not own: its spec (ARN for IAM grants, security group for ingress). */
  readonly external?: ExternalClusterSpec;
}

/** The distinct ports of a bootstrap string (host:port,host:port). */
function brokerPorts(bootstrapServers: string): number[] {
  return [...new Set(bootstrapServers.split(',').map((b) => Number(b.slice(b.lastIndexOf(':') + 1))))].filter(
    (p) => Number.isInteger(p) && p > 0,
  );
}

/** The whole MM2 migration platform of one environment. */
export class PlatformStack extends Stack {
  readonly nag: NagAcknowledger;
  readonly network: Network;
  readonly configBucket: ConfigBucket;
  readonly repositories: Repositories;
  readonly platform: EcsPlatform;
  readonly source: KafkaEndpoint;
  readonly target: KafkaEndpoint;
  readonly connect: ConnectService;
  readonly prometheus: PrometheusService;
  readonly grafana: GrafanaService;
  readonly bot: BotService;

  constructor(scope: Construct, id: string, props: PlatformStackProps) {
    super(scope, id, props);
    const { config } = props;
    const nag = (this.nag = props.nag ?? new NagAcknowledger());
    const common = { removal: config.removal } as const;
    for (const [key, value] of Object.entries(config.tags)) Tags.of(this).add(key, value);

    this.network = new Network(this, 'Network', {
      spec: config.vpc,
      logRetention: config.logRetention,
      ...common,
    });
    const subnets = this.network.privateSubnets;
    this.configBucket = new ConfigBucket(this, 'Config', {
      connectorsDir: props.connectorsDir,
      nag,
      ...common,
    });
    this.repositories = props.repositories;
    this.platform = new EcsPlatform(this, 'Ecs', {
      vpc: this.network.vpc,
      clusterName: `mm2-${config.name}`,
      namespace: config.namespace,
    });

    const kafka = (spec: ClusterSpec, role: 'Source' | 'Target'): KafkaEndpoint => {
      if (spec.kind === 'external') {
        if (spec.authMode === 'iam' && !spec.clusterArn)
          throw new Error(
            `${role.toLowerCase()}: an external cluster with authMode iam needs clusterArn, so that Connect and the bot get kafka-cluster grants on it.`,
          );
        return { bootstrapServers: spec.bootstrapServers, authMode: spec.authMode, external: spec };
      }
      const msk = new MskCluster(this, `${role}Msk`, {
        spec,
        vpc: this.network.vpc,
        subnets,
        logicalId: `${role}MskCluster`,
        logRetention: config.logRetention,
        nag,
        ...common,
      });
      return { bootstrapServers: msk.bootstrapServers, authMode: 'iam', msk };
    };
    this.source = kafka(config.source, 'Source');
    this.target = kafka(config.target, 'Target');

    // The profile references the brokers as ${env:MM2_SOURCE_BOOTSTRAP_SERVERS} (Connect's env provider,
    // and the bot's own resolver): nothing to copy from the stack outputs into a file after deploying.
    const kafkaEnvironment = {
      MM2_SOURCE_BOOTSTRAP_SERVERS: this.source.bootstrapServers,
      MM2_TARGET_BOOTSTRAP_SERVERS: this.target.bootstrapServers,
    };
    const logs = (id: string) => new ServiceLogs(this, id, { retention: config.logRetention, ...common });

    this.connect = new ConnectService(this, 'Connect', {
      platform: this.platform,
      subnets,
      repository: this.repositories.of('kafka-connect'),
      spec: config.connect,
      serviceName: 'kafka-connect',
      bootstrapServers: this.target.bootstrapServers,
      authMode: this.target.authMode,
      kafkaEnvironment,
      configBucket: this.configBucket,
      logs: logs('ConnectLogs'),
      nag,
    });

    this.prometheus = new PrometheusService(this, 'Prometheus', {
      platform: this.platform,
      subnets,
      repository: this.repositories.of('prometheus'),
      spec: config.monitoring.prometheus,
      serviceName: 'prometheus',
      scrape: {
        connect: { dnsName: this.connect.dnsName, port: CONNECT_METRICS_PORT },
        bot: config.bot.metricsScrape
          ? { dnsName: this.platform.dnsName('bot'), port: BOT_METRICS_PORT }
          : undefined,
        mskBrokers: [this.source, this.target].filter((k) => k.msk).map((k) => k.bootstrapServers),
      },
      logs: logs('PrometheusLogs'),
      nag,
    });

    this.grafana = new GrafanaService(this, 'Grafana', {
      platform: this.platform,
      subnets,
      repository: this.repositories.of('grafana'),
      spec: config.monitoring.grafana,
      serviceName: 'grafana',
      prometheusUrl: this.prometheus.url,
      logs: logs('GrafanaLogs'),
      nag,
      ...common,
    });

    this.bot = new BotService(this, 'Bot', {
      platform: this.platform,
      subnets,
      repository: this.repositories.of('bot'),
      spec: config.bot,
      serviceName: 'mm2-bot',
      region: this.region,
      urls: { connect: this.connect.url, prometheus: this.prometheus.url, grafana: this.grafana.url },
      connect: { service: this.connect.service, repository: this.repositories.of('kafka-connect') },
      configBucket: this.configBucket,
      kafkaEnvironment,
      secretFiles: config.connect.secretFiles,
      logs: logs('BotLogs'),
      nag,
    });

    this.wireNetwork(config);
    this.grantKafka();
    this.outputs(config);
    acceptCdkProviderLintWarnings(this);
  }

  /** Who may talk to whom; everything else is closed. Egress is open: sources may live outside the VPC. */
  private wireNetwork(config: PlatformConfig): void {
    const connect = this.connect.securityGroup;
    const prometheus = this.prometheus.securityGroup;
    const grafana = this.grafana.securityGroup;
    const bot = this.bot.securityGroup;
    connect.addIngressRule(
      prometheus,
      ec2.Port.tcp(CONNECT_METRICS_PORT),
      'Prometheus scrapes the JMX exporter',
    );
    connect.addIngressRule(bot, ec2.Port.tcp(CONNECT_REST_PORT), 'The bot drives Connect REST');
    prometheus.addIngressRule(grafana, ec2.Port.tcp(PROMETHEUS_PORT), 'Grafana queries Prometheus');
    prometheus.addIngressRule(bot, ec2.Port.tcp(PROMETHEUS_PORT), 'The bot queries Prometheus');
    grafana.addIngressRule(bot, ec2.Port.tcp(GRAFANA_PORT), 'The bot renders panels');
    if (config.bot.metricsScrape)
      bot.addIngressRule(prometheus, ec2.Port.tcp(BOT_METRICS_PORT), 'Prometheus scrapes the bot');
    for (const cidr of config.monitoring.operatorCidrs) {
      grafana.addIngressRule(ec2.Peer.ipv4(cidr), ec2.Port.tcp(GRAFANA_PORT), 'Operators open Grafana');
      prometheus.addIngressRule(
        ec2.Peer.ipv4(cidr),
        ec2.Port.tcp(PROMETHEUS_PORT),
        'Operators open Prometheus',
      );
    }
    for (const msk of [this.source.msk, this.target.msk]) {
      if (!msk) continue;
      msk.allowClientsFrom(connect, 'Kafka Connect (MM2)');
      msk.allowClientsFrom(bot, 'The bot reads offsets');
      msk.allowPrometheusFrom(prometheus);
    }
    for (const [side, endpoint] of [
      ['Source', this.source],
      ['Target', this.target],
    ] as const) {
      const groupId = endpoint.external?.securityGroupId;
      if (!groupId) continue;
      const brokers = ec2.SecurityGroup.fromSecurityGroupId(this, `${side}BrokersSecurityGroup`, groupId, {
        mutable: true,
        allowAllOutbound: false,
      });
      for (const port of brokerPorts(endpoint.bootstrapServers)) {
        brokers.addIngressRule(
          connect,
          ec2.Port.tcp(port),
          `Kafka Connect (MM2) to the ${side.toLowerCase()} brokers`,
        );
        brokers.addIngressRule(bot, ec2.Port.tcp(port), `The bot reads ${side.toLowerCase()} offsets`);
      }
    }
  }

  /** MM2 reads the source and writes the target; the bot only describes both. */
  private grantKafka(): void {
    const connectRole = this.connect.taskDefinition.taskRole;
    this.source.msk?.grantMirrorMaker(connectRole, { write: false });
    this.target.msk?.grantMirrorMaker(connectRole, { write: true });
    this.source.msk?.grantDescribe(this.bot.taskRole);
    this.target.msk?.grantDescribe(this.bot.taskRole);
    // Clusters the stack does not own, with IAM auth: the same grants on the ARN from the config.
    for (const [endpoint, write] of [
      [this.source, false],
      [this.target, true],
    ] as const) {
      const arn = endpoint.external?.authMode === 'iam' ? endpoint.external.clusterArn : undefined;
      if (!arn) continue;
      const arns = kafkaArnsOf(arn);
      grantMirrorMakerOn(connectRole, arns, write);
      grantDescribeOn(this.bot.taskRole, arns);
      for (const [role, purpose] of [
        [connectRole, 'MM2 reads and writes the replicated topics and groups'],
        [this.bot.taskRole, 'The bot reads offsets for its lag views'],
      ] as const)
        for (const resource of [arns.topics, arns.groups])
          this.nag.acknowledge(role as unknown as Construct, {
            id: `AwsSolutions-IAM5[Resource::${resource}]`,
            reason: `${purpose}: every topic or group of the external cluster, chosen by the profile's regexes at run time.`,
          });
    }
  }

  private outputs(config: PlatformConfig): void {
    const out = (id: string, value: string, description: string) =>
      new CfnOutput(this, id, { value, description });
    out('ConnectUrl', this.connect.url, 'Kafka Connect REST API (inside the VPC)');
    out('PrometheusUrl', this.prometheus.url, 'Prometheus (inside the VPC)');
    out('GrafanaUrl', this.grafana.url, 'Grafana (inside the VPC); user admin');
    out(
      'GrafanaAdminSecretArn',
      this.grafana.adminPassword.secretArn,
      'Secrets Manager secret with the Grafana admin password',
    );
    out(
      'SlackTokensSecretName',
      config.bot.slackTokensSecretName,
      'Secrets Manager secret the bot reads its Slack tokens from',
    );
    out(
      'ConfigBucketName',
      this.configBucket.bucket.bucketName,
      'S3 bucket: connectors/ under config/, bot state under state/',
    );
    out('BotStateUri', this.configBucket.stateUri, 'MM2_STATE of the bot');
    out(
      'BotProfileUri',
      this.configBucket.configUri(`profiles/${config.bot.profile}.yml`),
      'MM2_PROFILE of the bot',
    );
    out('EcsClusterName', this.platform.cluster.clusterName, 'ECS cluster');
    out('ConnectServiceName', this.connect.service.serviceName, 'ECS service running Kafka Connect');
    out('BotServiceName', this.bot.service.service.serviceName, 'ECS service running the bot');
    out('TargetBootstrapServers', this.target.bootstrapServers, 'Bootstrap servers of the target cluster');
    out('SourceBootstrapServers', this.source.bootstrapServers, 'Bootstrap servers of the source cluster');
    if (this.target.msk) out('TargetClusterArn', this.target.msk.cluster.attrArn, 'Target MSK cluster');
    if (this.source.msk) out('SourceClusterArn', this.source.msk.cluster.attrArn, 'Source MSK cluster');
  }
}
