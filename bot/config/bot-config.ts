import type { Role } from '../domain/roles';
import type { Schedule } from '../ports/reports';
import type { ReferenceSources } from './reference-sources';

export type RoleBindings = Record<Role, string[]>;

export type StateLocation = { kind: 'file'; dir: string } | { kind: 's3'; bucket: string; prefix: string };

/** The bot's own read access to a cluster (Connect's credentials stay on the workers). */
export interface KafkaAccess {
  /** SASL/SCRAM password for the profile's username. */
  password?: string;
  /** Folder with ca.pem, cert.pem and key.pem for an mTLS cluster. */
  tlsDir?: string;
}

/** The bot's whole configuration, parsed and validated once at start (see load-config.ts). */
export interface BotConfig {
  /** Absent: no Slack tokens, so the console adapter runs instead (the embedded default). */
  slack?: { botToken: string; appToken: string; apiUrl?: string };
  connectUrl: string;
  prometheusUrl: string;
  grafanaUrl?: string;
  channels: string[];
  roles: RoleBindings;
  /** The local lab's run folder (LAB_RUN_DIR): in the console, the bot's log and attachments go here. */
  labRunDir: string;
  state: StateLocation;
  profilePath: string;
  /** Connector templates for a profile on disk (MM2_TEMPLATES_DIR; default: the project's connectors/templates). */
  templatesDir: string;
  /** `labCredentials`: static dummy credentials for the lab's moto (no AWS credentials in the environment). */
  aws: {
    region: string;
    endpoint?: string;
    labCredentials: boolean;
    ecsCluster: string;
    ecsService: string;
    /** Per-request timeout of every AWS call (S3 state and audit, ECS, ECR): MM2_AWS_TIMEOUT_SECONDS. */
    requestTimeoutMs: number;
  };
  kafkaAccess: { source: KafkaAccess; target: KafkaAccess };
  /** What the profile's ${env:...}/${file:...}/${directory:...} references resolve from, for the bot's own use. */
  references: ReferenceSources;
  metricsPort: number;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  approvalTtlMinutes: number;
  /** Finished approval requests older than this are deleted (MM2_APPROVAL_RETENTION_DAYS). */
  approvalRetentionDays: number;
  /**
   * Per-call budgets of outbound calls (MM2_CONNECT_/PROMETHEUS_/KAFKA_/SLACK_TIMEOUT_SECONDS); a
   * timed-out call's error names its setting. AWS calls have aws.requestTimeoutMs.
   */
  timeouts: { connectMs: number; prometheusMs: number; kafkaMs: number; slackMs: number };
  /** A cutover step whose runner has not beaten for this long is taken over by `/mm2 cutover next`. */
  cutoverStaleSeconds: number;
  userGroupTtlSeconds: number;
  reportSchedules: Schedule[];
  alerts: {
    channel?: string;
    intervalSeconds: number;
    sustainSeconds: number;
    /** At most one update per alert thread this often. */
    updateSeconds: number;
    /** A problem must look clear this long before its thread is resolved. */
    clearSeconds: number;
  };
  /** Panel snapshots: Grafana's renderer (with grafanaUrl and a token) or the built-in one. */
  snapshots: {
    grafanaToken?: string;
    grafanaTimeoutSeconds: number;
    dashboardsDir: string;
    /** Prometheus's scrape interval (the Grafana datasource's timeInterval): smallest step, rate window. */
    scrapeIntervalSeconds: number;
  };
}
