import * as cdk from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import type { BotSpec, SecretFileSpec } from '../config/types';
import { secretFileMapping } from './connect-service';
import type { ConfigBucket } from './config-bucket';
import type { EcsPlatform } from './ecs-platform';
import type { NagAcknowledger } from './nag/acknowledger';
import { PrivateService } from './private-service';
import type { ServiceLogs } from './service-logs';

export const BOT_METRICS_PORT = 9102;

export interface BotServiceProps {
  readonly platform: EcsPlatform;
  readonly subnets: ec2.SubnetSelection;
  readonly repository: ecr.IRepository;
  readonly spec: BotSpec;
  readonly serviceName: string;
  readonly region: string;
  readonly urls: { readonly connect: string; readonly prometheus: string; readonly grafana: string };
  /** The Connect service the bot may describe and scale, and the repository of its image. */
  readonly connect: { readonly service: ecs.FargateService; readonly repository: ecr.IRepository };
  readonly configBucket: ConfigBucket;
  /** MM2_SOURCE/TARGET_BOOTSTRAP_SERVERS, which the profile references as ${env:...}. */
  readonly kafkaEnvironment: Record<string, string>;
  /** Connect's secret files: the bot resolves the profile's ${file:...} references (its own login) from them. */
  readonly secretFiles?: Readonly<Record<string, string | SecretFileSpec>>;
  readonly logs: ServiceLogs;
  readonly nag: NagAcknowledger;
}

/**
 * The Slack bot on Fargate. Socket Mode connects out to Slack, so the bot needs no inbound rule
 * (Prometheus' scrape of /metrics is the only optional one). Its role can describe the
 * Connect service only (no update), describe task definitions, autoscaling and the Connect image, read
 * config/ and read/write state/, where the audit trail is write-once.
 */
export class BotService extends Construct {
  readonly service: PrivateService;
  readonly slackTokens: secretsmanager.ISecret;
  readonly dnsName: string;

  constructor(scope: Construct, id: string, props: BotServiceProps) {
    super(scope, id);
    const { spec } = props;
    this.slackTokens = secretsmanager.Secret.fromSecretNameV2(
      this,
      'SlackTokens',
      spec.slackTokensSecretName,
    );

    this.service = new PrivateService(this, 'Bot', {
      platform: props.platform,
      subnets: props.subnets,
      size: spec,
      serviceName: props.serviceName,
      containerName: 'bot',
      image: ecs.ContainerImage.fromEcrRepository(props.repository, spec.imageTag),
      port: BOT_METRICS_PORT,
      environment: {
        CONNECT_URL: props.urls.connect,
        PROMETHEUS_URL: props.urls.prometheus,
        GRAFANA_URL: props.urls.grafana,
        MM2_CHANNELS: spec.channels.join(','),
        MM2_ROLES: JSON.stringify(spec.roles),
        MM2_STATE: props.configBucket.stateUri,
        MM2_PROFILE: props.configBucket.configUri(`profiles/${spec.profile}.yml`),
        AWS_REGION: props.region,
        MM2_ECS_CLUSTER: props.platform.cluster.clusterName,
        MM2_ECS_SERVICE: props.connect.service.serviceName,
        MM2_METRICS_PORT: String(BOT_METRICS_PORT),
        ...props.kafkaEnvironment,
        ...(props.secretFiles && Object.keys(props.secretFiles).length > 0
          ? { MM2_SECRET_FILES: secretFileMapping(props.secretFiles, 'MM2_SECRET_FILE_') }
          : {}),
      },
      secrets: {
        SLACK_BOT_TOKEN: ecs.Secret.fromSecretsManager(this.slackTokens, 'botToken'),
        SLACK_APP_TOKEN: ecs.Secret.fromSecretsManager(this.slackTokens, 'appToken'),
        ...this.kafkaPasswords(spec),
        ...this.secretFileContents(props.secretFiles ?? {}),
        ...this.grafanaToken(spec),
      },
      // /healthz answers 503 while Socket Mode is not connected (/metrics would always answer 200).
      healthCheck: `node -e "fetch('http://127.0.0.1:${BOT_METRICS_PORT}/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"`,
      dependsOn: [props.configBucket.deployment],
      logs: props.logs,
      cloudMapName: spec.metricsScrape ? 'bot' : undefined,
      nag: props.nag,
      securityGroupDescription: 'mm2-chatops bot (Socket Mode: outbound only)',
    });
    props.nag.acknowledge(this.service.taskDefinition, {
      id: 'AwsSolutions-ECS2',
      reason: 'The environment holds URLs, IDs and names only; the Slack tokens come from Secrets Manager.',
    });
    this.dnsName = props.platform.dnsName('bot');
    this.grantLeastPrivilege(props);
  }

  /** The bot's own SCRAM passwords (for /mm2 lag), from secrets the operator created. */
  private kafkaPasswords(spec: BotServiceProps['spec']): Record<string, ecs.Secret> {
    const secrets: Record<string, ecs.Secret> = {};
    for (const side of ['source', 'target'] as const) {
      const name = spec.kafkaPasswordSecrets?.[side];
      if (!name) continue;
      const secret = secretsmanager.Secret.fromSecretNameV2(this, `${side}KafkaPassword`, name);
      secrets[`MM2_${side.toUpperCase()}_KAFKA_PASSWORD`] = ecs.Secret.fromSecretsManager(secret, 'password');
    }
    return secrets;
  }

  private secretFileContents(
    files: Readonly<Record<string, string | SecretFileSpec>>,
  ): Record<string, ecs.Secret> {
    return Object.fromEntries(
      Object.values(files).map((spec, i) => {
        const name = typeof spec === 'string' ? spec : spec.secret;
        const secret = secretsmanager.Secret.fromSecretNameV2(this, `SecretFile${i}`, name);
        return [`MM2_SECRET_FILE_${i}`, ecs.Secret.fromSecretsManager(secret)];
      }),
    );
  }

  /** Grafana's service-account token for its render API (panel snapshots), when the operator made one. */
  private grafanaToken(spec: BotServiceProps['spec']): Record<string, ecs.Secret> {
    if (!spec.grafanaTokenSecretName) return {};
    const secret = secretsmanager.Secret.fromSecretNameV2(this, 'GrafanaToken', spec.grafanaTokenSecretName);
    return { GRAFANA_TOKEN: ecs.Secret.fromSecretsManager(secret, 'token') };
  }

  get taskRole(): iam.IRole {
    return this.service.taskDefinition.taskRole;
  }

  get securityGroup(): ec2.SecurityGroup {
    return this.service.securityGroup;
  }

  /**
   * The cutover's ECS steps: describe and update exactly the configured services (scale to 0 and
   * back, switch to a new revision), register a revision (no resource-level permission exists for
   * RegisterTaskDefinition) and pass only the roles those task definitions already use.
   */
  private grantCutoverServices(props: BotServiceProps): void {
    const services = props.spec.cutoverServices ?? [];
    if (services.length === 0) return;
    const stack = cdk.Stack.of(this);
    this.taskRole.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'CutoverServicesOnly',
        actions: ['ecs:DescribeServices', 'ecs:UpdateService'],
        resources: services.map((s) =>
          stack.formatArn({ service: 'ecs', resource: 'service', resourceName: `${s.cluster}/${s.service}` }),
        ),
      }),
    );
    this.taskRole.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'CutoverRegisterRevision',
        actions: ['ecs:RegisterTaskDefinition'],
        resources: ['*'],
      }),
    );
    const roles = [...new Set(services.flatMap((s) => s.passRoles ?? []))];
    if (roles.length > 0)
      this.taskRole.addToPrincipalPolicy(
        new iam.PolicyStatement({
          sid: 'CutoverPassTaskRoles',
          actions: ['iam:PassRole'],
          resources: roles,
          conditions: { StringEquals: { 'iam:PassedToService': 'ecs-tasks.amazonaws.com' } },
        }),
      );
  }

  private grantLeastPrivilege(props: BotServiceProps): void {
    const role = this.taskRole;
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'ConnectServiceOnly',
        // Read only: no code of the bot changes the service (a feature that does grants what it uses).
        actions: ['ecs:DescribeServices'],
        resources: [props.connect.service.serviceArn],
      }),
    );
    // DescribeServices names the task definition; the image is in the task definition itself.
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'DescribeTaskDefinitions',
        actions: ['ecs:DescribeTaskDefinition'],
        resources: ['*'],
      }),
    );
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'DescribeAutoscaling',
        actions: [
          'application-autoscaling:DescribeScalableTargets',
          'application-autoscaling:DescribeScalingPolicies',
          'application-autoscaling:DescribeScalingActivities',
        ],
        resources: ['*'],
      }),
    );
    props.nag.acknowledge(role, {
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'Application Auto Scaling Describe* actions support no resource-level permissions; they are read-only.',
    });
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'DescribeConnectImages',
        actions: ['ecr:DescribeImages'],
        resources: [props.connect.repository.repositoryArn],
      }),
    );
    this.grantCutoverServices(props);
    props.configBucket.grantReadConfig(role);
    props.configBucket.grantReadWriteState(role);
    props.configBucket.protectAuditTrail(this.service.taskDefinition.taskRole);
  }
}
