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
  /** Storage autoscaling grows each broker's volume up to this (default 4 x volumeSizeGiB). */
  readonly maxVolumeSizeGiB?: number;
}

/** A cluster that exists already (self-managed, or MSK in another stack). */
export interface ExternalClusterSpec {
  readonly kind: 'external';
  readonly bootstrapServers: string;
  readonly authMode: KafkaAuthMode;
  /**
   * For an MSK cluster with IAM auth (required then): its ARN, so that Connect and the bot get the
   * kafka-cluster grants on it, its topics and its groups.
   */
  readonly clusterArn?: string;
  /**
   * The brokers' security group, when it is in this account and region: the stack adds ingress from
   * Connect and the bot on the bootstrap servers' ports. Without it, open those ports yourself.
   */
  readonly securityGroupId?: string;
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
  /**
   * JVM heap, e.g. 2g, pinned (-Xms = -Xmx): at most 75 % of memoryMiB, the rest is metaspace, threads,
   * direct buffers and the exporter. Synth refuses a bigger one.
   */
  readonly heap: string;
  readonly minTasks: number;
  readonly maxTasks: number;
  /**
   * The only scaling metric: MM2's work (decompress, recompress, TLS) shows as CPU. Memory is not one: a
   * pinned heap keeps memory use flat near heap/memory whatever the load, so a memory target would hold
   * the service at its maximum or never move it.
   */
  readonly cpuTargetPercent: number;
  /** Long scale-in cooldown: every task change rebalances MM2's tasks. */
  readonly scaleInCooldownSeconds: number;
  readonly scaleOutCooldownSeconds: number;
  /** Replication factor of Connect's internal topics on the target. */
  readonly internalTopicReplicationFactor: number;
  /**
   * Files under /opt/secrets that connector configs read with ${file:...} or ${directory:...}, each from
   * an existing Secrets Manager secret (its whole string, written byte for byte), e.g.
   * { 'source-scram.properties': 'mm2/prod/source-scram', 'tls/keystore.pem': 'mm2/prod/source-tls-key' }.
   * A binary file (a .p12 keystore) is stored base64-encoded: { secret: 'mm2/prod/ks', base64: true }.
   * The bot gets the same files' contents, to resolve the profile's references for its own login.
   */
  readonly secretFiles?: Readonly<Record<string, string | SecretFileSpec>>;
}

export interface SecretFileSpec {
  readonly secret: string;
  /** The secret string is the file's bytes in base64 (binary keystores). */
  readonly base64?: boolean;
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
   * Panel snapshots through Grafana's renderer: an existing Secrets Manager secret holding JSON
   * {"token": "glsa_..."} (a Grafana service-account token, role Viewer), injected as GRAFANA_TOKEN.
   * Unset: the bot draws every snapshot with its built-in renderer.
   */
  readonly grafanaTokenSecretName?: string;
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
