import { Duration } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import { Construct } from 'constructs';
import type { FargateSize } from '../config/types';
import type { EcsPlatform } from './ecs-platform';
import { acknowledgeEcrLogin } from './nag/ecr-login';
import { acknowledgeEcsExec } from './nag/ecs-exec';
import type { NagAcknowledger } from './nag/acknowledger';
import type { ServiceLogs } from './service-logs';

export interface PrivateServiceProps {
  readonly platform: EcsPlatform;
  readonly subnets: ec2.SubnetSelection;
  readonly size: FargateSize;
  readonly serviceName: string;
  readonly containerName: string;
  readonly image: ecs.ContainerImage;
  readonly port: number;
  readonly environment: Record<string, string>;
  readonly secrets?: Record<string, ecs.Secret>;
  readonly healthCheck: string;
  readonly logs: ServiceLogs;
  /** Register <cloudMapName>.<namespace> for the tasks; omit for a service nobody calls. */
  readonly cloudMapName?: string;
  readonly securityGroupDescription: string;
  readonly nag: NagAcknowledger;
  /** Resources the service needs before its first task starts (e.g. the config bucket's deployment). */
  readonly dependsOn?: readonly Construct[];
}

/** One Fargate service in private subnets: one container, its own security group, no inbound rule yet. */
export class PrivateService extends Construct {
  readonly service: ecs.FargateService;
  readonly taskDefinition: ecs.FargateTaskDefinition;
  readonly securityGroup: ec2.SecurityGroup;

  constructor(scope: Construct, id: string, props: PrivateServiceProps) {
    super(scope, id);
    this.taskDefinition = new ecs.FargateTaskDefinition(this, 'Task', {
      cpu: props.size.cpu,
      memoryLimitMiB: props.size.memoryMiB,
      runtimePlatform: {
        cpuArchitecture: ecs.CpuArchitecture.X86_64,
        operatingSystemFamily: ecs.OperatingSystemFamily.LINUX,
      },
    });
    this.taskDefinition.addContainer(props.containerName, {
      image: props.image,
      essential: true,
      environment: props.environment,
      secrets: props.secrets,
      portMappings: [{ containerPort: props.port }],
      healthCheck: {
        command: ['CMD-SHELL', props.healthCheck],
        interval: Duration.seconds(30),
        timeout: Duration.seconds(5),
        retries: 3,
        startPeriod: Duration.seconds(60),
      },
      logging: props.logs.driver(props.containerName),
    });
    acknowledgeEcrLogin(this.taskDefinition, props.nag);
    this.securityGroup = new ec2.SecurityGroup(this, 'SecurityGroup', {
      vpc: props.platform.cluster.vpc,
      description: props.securityGroupDescription,
      allowAllOutbound: true,
    });
    this.service = new ecs.FargateService(this, 'Service', {
      cluster: props.platform.cluster,
      serviceName: props.serviceName,
      taskDefinition: this.taskDefinition,
      desiredCount: 1,
      vpcSubnets: props.subnets,
      securityGroups: [this.securityGroup],
      assignPublicIp: false,
      minHealthyPercent: 0,
      maxHealthyPercent: 100,
      circuitBreaker: { enable: true, rollback: true },
      // ECS Exec: how operators reach Grafana and Prometheus (SSM port forwarding) and debug a task.
      enableExecuteCommand: true,
      cloudMapOptions: props.cloudMapName
        ? {
            cloudMapNamespace: props.platform.namespace,
            name: props.cloudMapName,
            dnsTtl: Duration.seconds(10),
          }
        : undefined,
    });
    for (const dependency of props.dependsOn ?? []) this.service.node.addDependency(dependency);
    acknowledgeEcsExec(this.taskDefinition, props.nag);
  }
}
