import { AppError } from '../../../bot/domain/errors';
import type {
  ConnectClient,
  ConnectorOffsets,
  ConnectorOverview,
  ConnectorState,
  ConnectorStatus,
  RestartOptions,
  ValidationResult,
} from '../../../bot/ports/connect';

interface Stored {
  config: Record<string, string>;
  state: ConnectorState;
  tasks: Array<{ id: number; state: ConnectorState; trace?: string }>;
}

/** A Connect of our own port's shape, in memory: states change at once, calls are recorded. */
export class InMemoryConnect implements ConnectClient {
  readonly url = 'http://connect.test:8083';
  readonly connectors = new Map<string, Stored>();
  readonly calls: string[] = [];
  /** Field errors the next validations return, by field. */
  validationErrors: Record<string, string> = {};
  /** Makes putConfig of this connector fail as if the worker died. */
  failPutOf?: string;
  /** Applies putConfig of this connector, then fails as if the answer was lost on the way back. */
  losePutAnswerOf?: string;
  offsetsOf: Record<string, ConnectorOffsets> = {};

  async worker() {
    return { version: '4.3.1', commit: 'x', kafka_cluster_id: 'c' };
  }

  async list(): Promise<Record<string, ConnectorOverview>> {
    this.calls.push('list');
    return Object.fromEntries([...this.connectors.keys()].map((n) => [n, { status: this.statusOf(n) }]));
  }

  async getConfig(name: string) {
    this.calls.push(`getConfig ${name}`);
    const c = this.connectors.get(name);
    return c ? { ...c.config } : undefined;
  }

  async putConfig(name: string, config: Record<string, string>) {
    this.calls.push(`putConfig ${name}`);
    if (this.failPutOf === name) {
      throw new AppError(
        'CONNECT_UNREACHABLE',
        `Kafka Connect at ${this.url} is unreachable: connection refused on PUT /connectors/${name}/config`,
      );
    }
    const existing = this.connectors.get(name);
    const tasks = Number(config['tasks.max'] ?? 1);
    this.connectors.set(name, {
      config: { ...config },
      state: existing?.state ?? 'RUNNING',
      tasks: Array.from({ length: tasks }, (_, id) => ({ id, state: existing?.state ?? 'RUNNING' })),
    });
    if (this.losePutAnswerOf === name) {
      throw new AppError(
        'CONNECT_UNREACHABLE',
        `Kafka Connect at ${this.url} is unreachable: connection failed (ECONNRESET) on PUT /connectors/${name}/config; the change may or may not have been applied`,
        undefined,
        { outcomeUnknown: true },
      );
    }
    return { created: !existing };
  }

  async validate(_cls: string, config: Record<string, string>): Promise<ValidationResult> {
    this.calls.push('validate');
    const errors = Object.entries(this.validationErrors)
      .filter(([field]) => field in config)
      .map(([field, message]) => ({ field, messages: [message] }));
    return { errorCount: errors.length, errors };
  }

  async status(name: string): Promise<ConnectorStatus | undefined> {
    return this.statusOf(name);
  }

  async pause(name: string) {
    this.set(name, 'PAUSED', 'pause');
  }

  async resume(name: string) {
    this.set(name, 'RUNNING', 'resume');
  }

  async stop(name: string) {
    this.calls.push(`stop ${name}`);
    const c = this.must(name);
    c.state = 'STOPPED';
    c.tasks = [];
  }

  async restart(name: string, options: RestartOptions) {
    this.calls.push(`restart ${name} includeTasks=${options.includeTasks} onlyFailed=${options.onlyFailed}`);
    const c = this.must(name);
    c.state = 'RUNNING';
    c.tasks = c.tasks.map((t) =>
      options.onlyFailed && t.state !== 'FAILED' ? t : { id: t.id, state: 'RUNNING' },
    );
  }

  async offsets(name: string): Promise<ConnectorOffsets> {
    this.must(name);
    return this.offsetsOf[name] ?? { offsets: [] };
  }

  failTask(name: string, id: number, trace: string): void {
    const task = this.must(name).tasks.find((t) => t.id === id);
    if (task) Object.assign(task, { state: 'FAILED', trace });
  }

  private set(name: string, state: ConnectorState, verb: string): void {
    this.calls.push(`${verb} ${name}`);
    const c = this.must(name);
    c.state = state;
    c.tasks = c.tasks.map((t) => ({ id: t.id, state }));
  }

  private must(name: string): Stored {
    const c = this.connectors.get(name);
    if (!c) throw new AppError('NOT_FOUND', `Kafka Connect: Connector ${name} not found`);
    return c;
  }

  private statusOf(name: string): ConnectorStatus | undefined {
    const c = this.connectors.get(name);
    if (!c) return undefined;
    return {
      name,
      connector: { state: c.state, worker_id: '10.0.0.1:8083' },
      tasks: c.tasks.map((t) => ({ ...t, worker_id: '10.0.0.1:8083' })),
      type: 'source',
    };
  }
}
