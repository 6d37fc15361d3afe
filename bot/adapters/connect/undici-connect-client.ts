import { Agent, request } from 'undici';
import { AppError } from '../../domain/errors';
import type {
  ConnectClient,
  ConnectorOffsets,
  ConnectorOverview,
  ConnectorStatus,
  RestartOptions,
  ValidationResult,
  WorkerInfo,
} from '../../ports/connect';
import { isRetryableAnswer, toAppError, type ConnectAnswer } from './connect-errors';

export interface UndiciConnectClientOptions {
  /** e.g. `http://127.0.0.1:18083` */
  url: string;
  /** Whole-request budget, headers and body included. */
  timeoutMs?: number;
  /** The setting the budget comes from (e.g. MM2_CONNECT_TIMEOUT_SECONDS), named when it runs out. */
  timeoutSetting?: string;
  /** Further attempts after a 409 or a 500 "rebalance is expected". */
  retries?: number;
  backoffMs?: number;
  maxBackoffMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

type Method = 'GET' | 'PUT' | 'POST' | 'DELETE';

const defaultSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const enc = encodeURIComponent;

export class UndiciConnectClient implements ConnectClient {
  readonly url: string;
  private readonly agent: Agent;
  private readonly timeoutMs: number;
  private readonly timeoutSetting: string | undefined;
  private readonly retries: number;
  private readonly backoffMs: number;
  private readonly maxBackoffMs: number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(options: UndiciConnectClientOptions) {
    this.url = options.url.replace(/\/+$/, '');
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.timeoutSetting = options.timeoutSetting;
    this.retries = options.retries ?? 6;
    this.backoffMs = options.backoffMs ?? 250;
    this.maxBackoffMs = options.maxBackoffMs ?? 4_000;
    this.sleep = options.sleep ?? defaultSleep;
    // Keep-alive connections: `/mm2 status` should cost about one round trip.
    this.agent = new Agent({ keepAliveTimeout: 10_000, connections: 8 });
  }

  async close(): Promise<void> {
    await this.agent.close();
  }

  worker(): Promise<WorkerInfo> {
    return this.json<WorkerInfo>('GET', '/');
  }

  list(): Promise<Record<string, ConnectorOverview>> {
    return this.json('GET', '/connectors?expand=status&expand=info');
  }

  async getConfig(name: string): Promise<Record<string, string> | undefined> {
    return this.optional(() => this.json<Record<string, string>>('GET', `/connectors/${enc(name)}/config`));
  }

  async putConfig(name: string, config: Record<string, string>): Promise<{ created: boolean }> {
    const answer = await this.call('PUT', `/connectors/${enc(name)}/config`, config);
    return { created: answer.status === 201 };
  }

  async validate(connectorClass: string, config: Record<string, string>): Promise<ValidationResult> {
    const path = `/connector-plugins/${enc(connectorClass)}/config/validate`;
    const raw = await this.json<RawValidation>('PUT', path, config);
    const errors = (raw.configs ?? [])
      .map((c) => ({ field: c.value?.name ?? c.definition?.name ?? '?', messages: c.value?.errors ?? [] }))
      .filter((c) => c.messages.length > 0);
    return { errorCount: raw.error_count ?? errors.length, errors };
  }

  async status(name: string): Promise<ConnectorStatus | undefined> {
    return this.optional(() => this.json<ConnectorStatus>('GET', `/connectors/${enc(name)}/status`));
  }

  async pause(name: string): Promise<void> {
    await this.call('PUT', `/connectors/${enc(name)}/pause`);
  }

  async resume(name: string): Promise<void> {
    await this.call('PUT', `/connectors/${enc(name)}/resume`);
  }

  async stop(name: string): Promise<void> {
    await this.call('PUT', `/connectors/${enc(name)}/stop`);
  }

  async restart(name: string, options: RestartOptions): Promise<void> {
    const query = `includeTasks=${options.includeTasks}&onlyFailed=${options.onlyFailed}`;
    await this.call('POST', `/connectors/${enc(name)}/restart?${query}`);
  }

  offsets(name: string): Promise<ConnectorOffsets> {
    return this.json('GET', `/connectors/${enc(name)}/offsets`);
  }

  private async optional<T>(fn: () => Promise<T>): Promise<T | undefined> {
    try {
      return await fn();
    } catch (error) {
      if (error instanceof AppError && error.code === 'NOT_FOUND') return undefined;
      throw error;
    }
  }

  private async json<T>(method: Method, path: string, body?: unknown): Promise<T> {
    const answer = await this.call(method, path, body);
    try {
      return JSON.parse(answer.body) as T;
    } catch {
      throw new AppError(
        'CONNECT_REJECTED',
        `Kafka Connect at ${this.url} answered ${method} ${path} with non-JSON`,
      );
    }
  }

  /** One logical call: retried with backoff while Connect is rebalancing; anything else is final. */
  private async call(method: Method, path: string, body?: unknown): Promise<ConnectAnswer> {
    let delay = this.backoffMs;
    for (let attempt = 0; ; attempt += 1) {
      const answer = await this.once(method, path, body);
      if (answer.status < 300) return answer;
      if (!isRetryableAnswer(answer) || attempt >= this.retries) {
        throw toAppError(answer, { url: this.url, method, path, attempts: attempt + 1 });
      }
      await this.sleep(delay);
      delay = Math.min(delay * 2, this.maxBackoffMs);
    }
  }

  private async once(method: Method, path: string, body?: unknown): Promise<ConnectAnswer> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.timeoutMs);
    try {
      const res = await request(`${this.url}${path}`, {
        method,
        dispatcher: this.agent,
        signal: controller.signal,
        headers: {
          accept: 'application/json',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: res.statusCode, body: await res.body.text() };
    } catch (error) {
      if (controller.signal.aborted) {
        throw new AppError(
          'TIMEOUT',
          `Kafka Connect at ${this.url} did not answer ${method} ${path} within ${this.timeoutMs} ms${this.timeoutSetting ? ` (${this.timeoutSetting})` : ''}`,
          `Check the Connect worker (logs, CPU, GC) and try again${this.timeoutSetting ? `; raise ${this.timeoutSetting} if it is just slow` : ''}.`,
          { cause: error, outcomeUnknown: method !== 'GET' },
        );
      }
      throw unreachable(this.url, method, path, error);
    } finally {
      clearTimeout(timer);
    }
  }
}

interface RawValidation {
  error_count?: number;
  configs?: Array<{ definition?: { name?: string }; value?: { name?: string; errors?: string[] } }>;
}

function unreachable(url: string, method: Method, path: string, error: unknown): AppError {
  const code = errorCode(error);
  const lost = method !== 'GET' && code !== 'ECONNREFUSED';
  const what =
    code === 'ECONNREFUSED' ? 'connection refused' : `connection failed (${code ?? 'unknown error'})`;
  return new AppError(
    'CONNECT_UNREACHABLE',
    `Kafka Connect at ${url} is unreachable: ${what} on ${method} ${path}` +
      (lost ? '; the change may or may not have been applied' : ''),
    'Check that the Connect worker is running, then run the command again (it is safe to repeat).',
    { cause: error, outcomeUnknown: lost },
  );
}

function errorCode(error: unknown): string | undefined {
  const seen = new Set<unknown>();
  let current: unknown = error;
  while (current && typeof current === 'object' && !seen.has(current)) {
    seen.add(current);
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}
