import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import type { MonitoringSpec } from '../config/types';
import type { EcsPlatform } from './ecs-platform';
import type { NagAcknowledger } from './nag/acknowledger';
import { PrivateService } from './private-service';
import { removalPolicyOf } from './removal';
import type { ServiceLogs } from './service-logs';

export const GRAFANA_PORT = 3000;

export interface GrafanaServiceProps {
  readonly platform: EcsPlatform;
  readonly subnets: ec2.SubnetSelection;
  readonly repository: ecr.IRepository;
  readonly spec: MonitoringSpec['grafana'];
  readonly serviceName: string;
  readonly prometheusUrl: string;
  readonly logs: ServiceLogs;
  readonly removal: 'retain' | 'destroy';
  readonly nag: NagAcknowledger;
}

/** Grafana with the MM2 dashboard baked into its image; the admin password lives in Secrets Manager. */
export class GrafanaService extends Construct {
  readonly service: PrivateService;
  readonly adminPassword: secretsmanager.Secret;
  readonly dnsName: string;

  constructor(scope: Construct, id: string, props: GrafanaServiceProps) {
    super(scope, id);
    this.adminPassword = new secretsmanager.Secret(this, 'AdminPassword', {
      description: 'Grafana admin password (user admin)',
      generateSecretString: { passwordLength: 32, excludePunctuation: true },
      removalPolicy: removalPolicyOf(props.removal),
    });
    (this.adminPassword.node.defaultChild as secretsmanager.CfnSecret).overrideLogicalId(
      'GrafanaAdminPassword',
    );
    props.nag.acknowledge(this.adminPassword, {
      id: 'AwsSolutions-SMG4',
      reason:
        'Grafana reads the admin password only at first start of its database; rotate it by hand with grafana-cli and a new secret value.',
    });

    this.service = new PrivateService(this, 'Grafana', {
      platform: props.platform,
      subnets: props.subnets,
      size: props.spec,
      serviceName: props.serviceName,
      containerName: 'grafana',
      image: ecs.ContainerImage.fromEcrRepository(props.repository, props.spec.imageTag),
      port: GRAFANA_PORT,
      environment: {
        PROMETHEUS_URL: props.prometheusUrl,
        GF_SECURITY_ADMIN_USER: 'admin',
        GF_AUTH_ANONYMOUS_ENABLED: 'false',
      },
      secrets: { GF_SECURITY_ADMIN_PASSWORD: ecs.Secret.fromSecretsManager(this.adminPassword) },
      healthCheck: `wget -q -O /dev/null http://127.0.0.1:${GRAFANA_PORT}/api/health || exit 1`,
      logs: props.logs,
      cloudMapName: 'grafana',
      nag: props.nag,
      securityGroupDescription: 'Grafana',
    });
    props.nag.acknowledge(this.service.taskDefinition, {
      id: 'AwsSolutions-ECS2',
      reason:
        'The environment holds the Prometheus URL and the admin user name; the password comes from Secrets Manager.',
    });
    this.dnsName = props.platform.dnsName('grafana');
  }

  get url(): string {
    return `http://${this.dnsName}:${GRAFANA_PORT}`;
  }

  get securityGroup(): ec2.SecurityGroup {
    return this.service.securityGroup;
  }
}
