import type { Role } from '../domain/roles';

export type RoleBindings = Record<Role, string[]>;

export type StateLocation = { kind: 'file'; dir: string } | { kind: 's3'; bucket: string; prefix: string };

export interface ReportSchedule {
  id: string;
  cron: string;
  timezone: string;
  channel: string;
}

/** The bot's whole configuration, parsed and validated once at start (see load-config.ts). */
/** The bot's own read access to a cluster (Connect's credentials stay on the workers). */
export interface KafkaAccess {
  /** SASL/SCRAM password for the profile's username. */
  password?: string;
  /** Folder with ca.pem, cert.pem and key.pem for an mTLS cluster. */
  tlsDir?: string;
}

export interface BotConfig {
  /** Absent: no Slack tokens, so the console adapter runs instead (the embedded default). */
  slack?: { botToken: string; appToken: string; apiUrl?: string };
  connectUrl: string;
  prometheusUrl: string;
  grafanaUrl?: string;
  channels: string[];
  roles: RoleBindings;
  state: StateLocation;
  profilePath: string;
  /** `labCredentials`: static dummy credentials for the lab's moto (no AWS credentials in the environment). */
  aws: { region: string; endpoint?: string; labCredentials: boolean; ecsCluster: string; ecsService: string };
  kafkaAccess: { source: KafkaAccess; target: KafkaAccess };
  metricsPort: number;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  approvalTtlMinutes: number;
  /** A cutover step whose runner has not beaten for this long is taken over by `/mm2 cutover next`. */
  cutoverStaleSeconds: number;
  userGroupTtlSeconds: number;
  reportSchedules: ReportSchedule[];
  alerts: {
    channel?: string;
    intervalSeconds: number;
    sustainSeconds: number;
    /** At most one update per alert thread this often. */
    updateSeconds: number;
    /** A problem must look clear this long before its thread is resolved. */
    clearSeconds: number;
  };
}
