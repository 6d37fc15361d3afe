import type { RetentionDays } from 'aws-cdk-lib/aws-logs';

/** How Connect (and the bot) authenticate to a Kafka cluster; names the worker file in connectors/workers/. */
export type KafkaAuthMode = 'plaintext' | 'sasl-scram' | 'mtls' | 'iam';

/** A provisioned MSK cluster this stack creates: IAM auth, TLS in transit, KMS at rest, broker logs. */
export interface MskClusterSpec {
  readonly kind: 'msk';
  /** CloudFormation physical name of the cluster; changing it replaces the cluster. */
  readonly clusterName: string;
  readonly kafkaVersion: string;
  readonly brokerInstanceType: string;
  /** Total brokers: a multiple of the number of private subnets (one AZ each). */
  readonly numberOfBrokerNodes: number;
  readonly volumeSizeGiB: number;
}

/** A cluster that exists already (self-managed, or MSK in another stack): only its bootstrap string. */
export interface ExternalClusterSpec {
  readonly kind: 'external';
  readonly bootstrapServers: string;
  readonly authMode: KafkaAuthMode;
}

export type ClusterSpec = MskClusterSpec | ExternalClusterSpec;

/** A new VPC, or an existing one given by id and subnet ids (no lookups: synth works offline). */
export type VpcSpec =
  | {
      readonly kind: 'create';
      readonly cidr: string;
      /** AZs are not named: CloudFormation picks them (Fn::GetAZs), so the template fits any account. */
      readonly maxAzs: number;
      readonly natGateways: number;
    }
  | {
      readonly kind: 'import';
      readonly vpcId: string;
      readonly vpcCidrBlock: string;
      readonly availabilityZones: readonly string[];
      readonly privateSubnetIds: readonly string[];
      readonly privateSubnetRouteTableIds: readonly string[];
    };

export interface FargateSize {
  /** vCPU units: 256 = 0.25 vCPU. */
  readonly cpu: number;
  readonly memoryMiB: number;
}

export interface ConnectSpec extends FargateSize {
  readonly imageTag: string;
  /** Connect's group.id: workers with the same id form one cluster. */
  readonly groupId: string;
  /** JVM heap, e.g. 2g: leave about a quarter of memoryMiB to the rest of the JVM. */
  readonly heap: string;
  readonly minTasks: number;
  readonly maxTasks: number;
  readonly cpuTargetPercent: number;
  readonly memoryTargetPercent: number;
  /** Long scale-in cooldown: every task change rebalances MM2's tasks. */
  readonly scaleInCooldownSeconds: number;
  readonly scaleOutCooldownSeconds: number;
  /** Replication factor of Connect's internal topics on the target. */
  readonly internalTopicReplicationFactor: number;
  /**
   * Files under /opt/secrets that connector configs read with ${file:...}, each from an existing
   * Secrets Manager secret (its whole string), e.g. { 'source-scram.properties': 'mm2/prod/source-scram' }.
   */
  readonly secretFiles?: Readonly<Record<string, string>>;
}

export interface BotSpec extends FargateSize {
  readonly imageTag: string;
  /** Slack channel IDs the bot answers in. */
  readonly channels: readonly string[];
  /** Slack user or user group IDs per role. */
  readonly roles: {
    readonly viewer: readonly string[];
    readonly operator: readonly string[];
    readonly approver: readonly string[];
  };
  /** File name (without .yml) of the migration profile in connectors/profiles/. */
  readonly profile: string;
  /**
   * Name of an existing Secrets Manager secret holding {"botToken": "xoxb-...", "appToken": "xapp-..."}.
   * Create it before deploying (infra/README.md): the stack only reads it.
   */
  readonly slackTokensSecretName: string;
  /** Let Prometheus scrape the bot's /metrics: the only inbound rule the bot can have. */
  readonly metricsScrape: boolean;
  /**
   * For a SASL/SCRAM cluster: an existing Secrets Manager secret holding JSON {"password": "..."} for the
   * profile's user, injected as MM2_<SIDE>_KAFKA_PASSWORD (the bot reads offsets there for /mm2 lag).
   */
  readonly kafkaPasswordSecrets?: { readonly source?: string; readonly target?: string };
  /**
   * The migrating applications' ECS services the cutover may scale and switch to MSK (the runbook's
   * `run.ecs`), and the task/execution role ARNs their task definitions pass. Nothing else is granted.
   */
  readonly cutoverServices?: ReadonlyArray<{
    readonly cluster: string;
    readonly service: string;
    readonly passRoles?: readonly string[];
  }>;
}

export interface MonitoringSpec {
  readonly prometheus: FargateSize & { readonly imageTag: string; readonly retention: string };
  readonly grafana: FargateSize & { readonly imageTag: string };
  /** CIDRs (VPN, bastion) that may open Grafana and Prometheus. */
  readonly operatorCidrs: readonly string[];
}

/** Everything that differs between environments; one typed file per environment in infra/config/. */
export interface PlatformConfig {
  readonly name: string;
  readonly stackName: string;
  readonly account?: string;
  readonly region: string;
  readonly vpc: VpcSpec;
  /** Private DNS namespace of the services (Cloud Map), e.g. mm2.internal. */
  readonly namespace: string;
  readonly source: ClusterSpec;
  readonly target: ClusterSpec;
  readonly connect: ConnectSpec;
  readonly monitoring: MonitoringSpec;
  readonly bot: BotSpec;
  readonly logRetention: RetentionDays;
  /** retain: stateful resources survive `cdk destroy` (production). */
  readonly removal: 'retain' | 'destroy';
  readonly tags: Readonly<Record<string, string>>;
}
