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

/** Narrow port: the lead adapts the Connect client to it. */
export interface ConnectorHealth {
  states(): Promise<ConnectorState[]>;
}
