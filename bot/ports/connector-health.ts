/** Connector and task states, as Connect reports them (`GET /connectors?expand=status`). */
export interface TaskState {
  id: number;
  state: string;
  trace?: string;
}

export interface ConnectorState {
  connector: string;
  state: string;
  tasks: TaskState[];
}

/** Connector states for the report and the alert watcher; adapters/connect/connector-health-from-client.ts implements it. */
export interface ConnectorHealth {
  states(): Promise<ConnectorState[]>;
}
