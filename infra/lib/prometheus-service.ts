import { Fn } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import { Construct } from 'constructs';
import type { MonitoringSpec } from '../config/types';
import type { EcsPlatform } from './ecs-platform';
import type { NagAcknowledger } from './nag/acknowledger';
import { PrivateService } from './private-service';
import type { ServiceLogs } from './service-logs';

export const PROMETHEUS_PORT = 9090;

export interface PrometheusServiceProps {
  readonly platform: EcsPlatform;
  readonly subnets: ec2.SubnetSelection;
  readonly repository: ecr.IRepository;
  readonly spec: MonitoringSpec['prometheus'];
  readonly serviceName: string;
  /** Scrape targets found by DNS: the image's refresher resolves these names every 30 s. */
  readonly scrape: {
    readonly connect: { dnsName: string; port: number };
    readonly bot?: { dnsName: string; port: number };
    /** Bootstrap strings of the MSK clusters the stack owns: their brokers' open-monitoring exporters. */
    readonly mskBrokers?: readonly string[];
  };
  readonly logs: ServiceLogs;
  readonly nag: NagAcknowledger;
}

/** Prometheus on Fargate, scraping every Connect task (and the bot) through Cloud Map DNS names. */
export class PrometheusService extends Construct {
  readonly service: PrivateService;
  readonly dnsName: string;

  constructor(scope: Construct, id: string, props: PrometheusServiceProps) {
    super(scope, id);
    const environment: Record<string, string> = {
      CONNECT_DNS_NAME: props.scrape.connect.dnsName,
      CONNECT_METRICS_PORT: String(props.scrape.connect.port),
      PROMETHEUS_RETENTION: props.spec.retention,
      PROMETHEUS_PORT: String(PROMETHEUS_PORT),
      REFRESH_SECONDS: '30',
    };
    if (props.scrape.mskBrokers && props.scrape.mskBrokers.length > 0)
      environment.MSK_BROKERS = Fn.join(',', [...props.scrape.mskBrokers]);
    if (props.scrape.bot) {
      environment.BOT_DNS_NAME = props.scrape.bot.dnsName;
      environment.BOT_METRICS_PORT = String(props.scrape.bot.port);
    }
    this.service = new PrivateService(this, 'Prometheus', {
      platform: props.platform,
      subnets: props.subnets,
      size: props.spec,
      serviceName: props.serviceName,
      containerName: 'prometheus',
      image: ecs.ContainerImage.fromEcrRepository(props.repository, props.spec.imageTag),
      port: PROMETHEUS_PORT,
      environment,
      healthCheck: `wget -q -O /dev/null http://127.0.0.1:${PROMETHEUS_PORT}/-/ready || exit 1`,
      logs: props.logs,
      cloudMapName: 'prometheus',
      nag: props.nag,
      securityGroupDescription: 'Prometheus',
    });
    // Egress is open; MSK's security group admits Prometheus on 11001-11002 (PlatformStack).
    props.nag.acknowledge(this.service.taskDefinition, {
      id: 'AwsSolutions-ECS2',
      reason:
        'The environment holds DNS names, ports and the retention period only; Prometheus needs no secret.',
    });
    this.dnsName = props.platform.dnsName('prometheus');
  }

  get url(): string {
    return `http://${this.dnsName}:${PROMETHEUS_PORT}`;
  }

  get securityGroup(): ec2.SecurityGroup {
    return this.service.securityGroup;
  }
}
