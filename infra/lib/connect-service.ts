import { Duration, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import type { ConnectSpec, KafkaAuthMode, SecretFileSpec } from '../config/types';
import type { ConfigBucket } from './config-bucket';
import type { EcsPlatform } from './ecs-platform';
import type { NagAcknowledger } from './nag/acknowledger';
import { acknowledgeEcrLogin } from './nag/ecr-login';
import { acknowledgeEcsExec } from './nag/ecs-exec';
import type { ServiceLogs } from './service-logs';

export const CONNECT_REST_PORT = 8083;
export const CONNECT_METRICS_PORT = 9404;
/** Copies the worker config from the config bucket before Connect starts. */
export const CONFIG_SYNC_IMAGE = 'public.ecr.aws/aws-cli/aws-cli:2.22.0';

export interface ConnectServiceProps {
  readonly platform: EcsPlatform;
  readonly subnets: ec2.SubnetSelection;
  readonly repository: ecr.IRepository;
  readonly spec: ConnectSpec;
  readonly serviceName: string;
  /** Target cluster: Connect keeps its state there and writes the replicated records. */
  readonly bootstrapServers: string;
  readonly authMode: KafkaAuthMode;
  /** MM2_SOURCE/TARGET_BOOTSTRAP_SERVERS: profiles reference them as ${env:...}, resolved by Connect. */
  readonly kafkaEnvironment: Record<string, string>;
  readonly configBucket: ConfigBucket;
  readonly logs: ServiceLogs;
  readonly nag: NagAcknowledger;
}

/**
 * Kafka Connect running MM2 on Fargate: the worker config comes from connectors/workers/ in the config
 * bucket, tasks register in Cloud Map (Prometheus scrapes each one), and the service scales on CPU and
 * memory with cooldowns long enough for MM2's rebalances.
 */
export class ConnectService extends Construct {
  readonly service: ecs.FargateService;
  readonly securityGroup: ec2.SecurityGroup;
  readonly taskDefinition: ecs.FargateTaskDefinition;
  readonly dnsName: string;

  constructor(scope: Construct, id: string, props: ConnectServiceProps) {
    super(scope, id);
    const { spec, platform } = props;
    const { vpc } = platform.cluster;
    checkHeap(spec);

    this.taskDefinition = new ecs.FargateTaskDefinition(this, 'Task', {
      cpu: spec.cpu,
      memoryLimitMiB: spec.memoryMiB,
      runtimePlatform: {
        cpuArchitecture: ecs.CpuArchitecture.X86_64,
        operatingSystemFamily: ecs.OperatingSystemFamily.LINUX,
      },
      volumes: [{ name: 'worker-config' }],
    });
    props.configBucket.grantReadConfig(this.taskDefinition.taskRole);

    const workerKey = `workers/${props.authMode}.properties`;
    const sync = this.taskDefinition.addContainer('worker-config', {
      image: ecs.ContainerImage.fromRegistry(CONFIG_SYNC_IMAGE),
      essential: false,
      command: ['s3', 'cp', props.configBucket.configUri(workerKey), '/config/worker.properties'],
      environment: { AWS_REGION: Stack.of(this).region },
      logging: props.logs.driver('worker-config'),
      memoryReservationMiB: 128,
    });
    sync.addMountPoints({ containerPath: '/config', sourceVolume: 'worker-config', readOnly: false });

    const secretFiles = this.secretFiles(spec.secretFiles ?? {});
    const connect = this.taskDefinition.addContainer('kafka-connect', {
      image: ecs.ContainerImage.fromEcrRepository(props.repository, spec.imageTag),
      essential: true,
      environment: {
        CONNECT_BOOTSTRAP_SERVERS: props.bootstrapServers,
        CONNECT_AUTH_MODE: props.authMode,
        CONNECT_WORKER_TEMPLATE: '/config/worker.properties',
        CONNECT_GROUP_ID: spec.groupId,
        CONNECT_REST_PORT: String(CONNECT_REST_PORT),
        CONNECT_REPLICATION_FACTOR: String(spec.internalTopicReplicationFactor),
        JMX_EXPORTER_PORT: String(CONNECT_METRICS_PORT),
        KAFKA_HEAP_OPTS: `-Xms${spec.heap} -Xmx${spec.heap}`,
        // A changed worker file changes the task definition, so CloudFormation rolls the tasks.
        CONNECT_WORKER_DIGEST: props.configBucket.digestOf(workerKey),
        ...props.kafkaEnvironment,
        ...(secretFiles.mapping ? { CONNECT_SECRET_FILES: secretFiles.mapping } : {}),
      },
      secrets: secretFiles.secrets,
      portMappings: [
        { name: 'rest', containerPort: CONNECT_REST_PORT },
        { name: 'metrics', containerPort: CONNECT_METRICS_PORT },
      ],
      healthCheck: {
        command: ['CMD-SHELL', `curl -fsS http://127.0.0.1:${CONNECT_REST_PORT}/ >/dev/null || exit 1`],
        interval: Duration.seconds(30),
        timeout: Duration.seconds(5),
        retries: 3,
        startPeriod: Duration.seconds(180),
      },
      logging: props.logs.driver('kafka-connect'),
      stopTimeout: Duration.seconds(60),
    });
    connect.addMountPoints({ containerPath: '/config', sourceVolume: 'worker-config', readOnly: true });
    connect.addContainerDependencies({
      container: sync,
      condition: ecs.ContainerDependencyCondition.SUCCESS,
    });
    acknowledgeEcrLogin(this.taskDefinition, props.nag);
    props.nag.acknowledge(this.taskDefinition, {
      id: 'AwsSolutions-ECS2',
      reason:
        'The environment holds endpoints, ports and sizes only; secrets come from Secrets Manager and become files under /opt/secrets for Connect config providers.',
    });

    this.securityGroup = new ec2.SecurityGroup(this, 'SecurityGroup', {
      vpc,
      description: 'Kafka Connect workers (MM2)',
      allowAllOutbound: true,
    });
    // Workers forward REST requests to the leader.
    this.securityGroup.addIngressRule(
      this.securityGroup,
      ec2.Port.tcp(CONNECT_REST_PORT),
      'Connect REST between workers',
    );

    this.service = new ecs.FargateService(this, 'Service', {
      cluster: platform.cluster,
      serviceName: props.serviceName,
      taskDefinition: this.taskDefinition,
      vpcSubnets: props.subnets,
      securityGroups: [this.securityGroup],
      assignPublicIp: false,
      minHealthyPercent: 100,
      maxHealthyPercent: 200,
      circuitBreaker: { enable: true, rollback: true },
      // ECS Exec: a shell in a worker for debugging (infra/README.md, "Debugging a task").
      enableExecuteCommand: true,
      cloudMapOptions: {
        cloudMapNamespace: platform.namespace,
        name: 'connect',
        dnsTtl: Duration.seconds(10),
      },
    });
    this.dnsName = platform.dnsName('connect');
    // The worker file must be in the bucket before the first task copies it.
    this.service.node.addDependency(props.configBucket.deployment);
    acknowledgeEcsExec(this.taskDefinition, props.nag);

    const scaling = this.service.autoScaleTaskCount({
      minCapacity: spec.minTasks,
      maxCapacity: spec.maxTasks,
    });
    const cooldowns = {
      scaleInCooldown: Duration.seconds(spec.scaleInCooldownSeconds),
      scaleOutCooldown: Duration.seconds(spec.scaleOutCooldownSeconds),
    };
    scaling.scaleOnCpuUtilization('CpuScaling', {
      targetUtilizationPercent: spec.cpuTargetPercent,
      ...cooldowns,
    });
  }

  /**
   * Secrets Manager secrets as CONNECT_SECRET_FILE_<n> variables, and the file=variable pairs that
   * start-connect.sh writes to /opt/secrets (the names stay out of the MM2_* env provider allowlist).
   */
  private secretFiles(files: Readonly<Record<string, string | SecretFileSpec>>): {
    mapping: string;
    secrets: Record<string, ecs.Secret>;
  } {
    const entries = Object.entries(files);
    const secrets: Record<string, ecs.Secret> = {};
    entries.forEach(([file, spec], i) => {
      if (!SECRET_FILE_NAME.test(file))
        throw new Error(
          `connect.secretFiles: "${file}" must be a file name, or one folder and a file name (letters, digits, . _ -), e.g. tls/keystore.pem.`,
        );
      const secretName = typeof spec === 'string' ? spec : spec.secret;
      const secret = secretsmanager.Secret.fromSecretNameV2(this, `SecretFile${i}`, secretName);
      secrets[`CONNECT_SECRET_FILE_${i}`] = ecs.Secret.fromSecretsManager(secret);
    });
    return { mapping: secretFileMapping(files, 'CONNECT_SECRET_FILE_'), secrets };
  }

  get url(): string {
    return `http://${this.dnsName}:${CONNECT_REST_PORT}`;
  }
}

/** A file under /opt/secrets: a name, or one folder and a name (the directory: provider reads folders). */
const SECRET_FILE_NAME = /^([A-Za-z0-9][A-Za-z0-9._-]*\/)?[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** `file=VARIABLE[:base64] ...`, as start-connect.sh (and the bot, for its own login) read it. */
export function secretFileMapping(
  files: Readonly<Record<string, string | SecretFileSpec>>,
  variablePrefix: string,
): string {
  return Object.entries(files)
    .map(([file, spec], i) => {
      const base64 = typeof spec === 'object' && spec.base64 ? ':base64' : '';
      return `${file}=${variablePrefix}${i}${base64}`;
    })
    .join(' ');
}

const HEAP = /^(\d+)([mg])$/;

/** The heap is pinned: it must leave a quarter of the task's memory to the rest of the JVM. */
function checkHeap(spec: ConnectSpec): void {
  const match = HEAP.exec(spec.heap);
  if (!match) throw new Error(`connect.heap "${spec.heap}": give a JVM size such as 1536m or 3g.`);
  const heapMiB = Number(match[1]) * (match[2] === 'g' ? 1024 : 1);
  if (heapMiB > spec.memoryMiB * 0.75)
    throw new Error(
      `connect.heap ${spec.heap} is more than 75 % of connect.memoryMiB ${spec.memoryMiB}: lower the heap or give the task more memory (the JVM needs the rest outside the heap).`,
    );
}
