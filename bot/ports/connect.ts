/** Kafka Connect's REST API, as the use cases need it. Shapes follow Connect's JSON. */
export type ConnectorState = 'RUNNING' | 'PAUSED' | 'STOPPED' | 'FAILED' | 'UNASSIGNED' | 'RESTARTING';

export interface TaskStatus {
  id: number;
  state: ConnectorState;
  worker_id: string;
  trace?: string;
}

export interface ConnectorStatus {
  name: string;
  connector: { state: ConnectorState; worker_id: string; trace?: string };
  tasks: TaskStatus[];
  type?: string;
}

export interface ConnectorInfo {
  name: string;
  config: Record<string, string>;
  tasks: Array<{ connector: string; task: number }>;
  type?: string;
}

/** One entry of `GET /connectors?expand=status&expand=info`. */
export interface ConnectorOverview {
  status?: ConnectorStatus;
  info?: ConnectorInfo;
}

/** `PUT /connector-plugins/{class}/config/validate`, reduced to what a user acts on. */
export interface ValidationResult {
  errorCount: number;
  /** Only the fields that have errors. */
  errors: Array<{ field: string; messages: string[] }>;
}

export interface ConnectorOffsets {
  offsets: Array<{ partition: Record<string, unknown>; offset: Record<string, unknown> }>;
}

export interface WorkerInfo {
  version: string;
  commit: string;
  kafka_cluster_id: string;
}

export interface RestartOptions {
  includeTasks: boolean;
  onlyFailed: boolean;
}

/**
 * Errors: AppError `CONNECT_UNREACHABLE` (names the URL), `TIMEOUT`, `CONNECT_REBALANCING` (after retries),
 * `CONNECT_REJECTED` (Connect's own message), `NOT_FOUND` (unknown connector, for mutations).
 */
export interface ConnectClient {
  readonly url: string;
  worker(): Promise<WorkerInfo>;
  list(): Promise<Record<string, ConnectorOverview>>;
  /** `undefined` when the connector does not exist. */
  getConfig(name: string): Promise<Record<string, string> | undefined>;
  /** `created` is true when Connect created the connector (201). */
  putConfig(name: string, config: Record<string, string>): Promise<{ created: boolean }>;
  validate(connectorClass: string, config: Record<string, string>): Promise<ValidationResult>;
  /** `undefined` when the connector does not exist. */
  status(name: string): Promise<ConnectorStatus | undefined>;
  pause(name: string): Promise<void>;
  resume(name: string): Promise<void>;
  stop(name: string): Promise<void>;
  restart(name: string, options: RestartOptions): Promise<void>;
  offsets(name: string): Promise<ConnectorOffsets>;
}
