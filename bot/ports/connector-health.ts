import type { ConnectorState } from './connect';

/** A task's state, as Connect reports it (`GET /connectors?expand=status`). */
export interface TaskHealth {
  id: number;
  state: ConnectorState;
  trace?: string;
}

/** A connector's state and its tasks', as Connect reports them. */
export interface ConnectorHealthRecord {
  connector: string;
  state: ConnectorState;
  tasks: TaskHealth[];
}

/** Connector states for the report and the alert watcher; adapters/connect/connector-health-from-client.ts implements it. */
export interface ConnectorHealth {
  states(): Promise<ConnectorHealthRecord[]>;
}
