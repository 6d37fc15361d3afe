// The lab's stand-in for ECS's scheduler: moto keeps the services (desired count, task definition)
// but runs nothing, so this reconciler makes each watched service's tasks real local processes.
// The desired count decides how many run; the task definition's container environment decides what
// they are given (e.g. KAFKA_BOOTSTRAP_SERVERS: the source or the target). A new task definition
// replaces every task (old ones stopped first, so two producer generations never overlap).
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdirSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { DescribeServicesCommand, DescribeTaskDefinitionCommand, ECSClient } from '@aws-sdk/client-ecs';
import { awsClientConfig } from '../components/aws-seed';

export interface WatchedService {
  cluster: string;
  service: string;
  container: string;
  /** The program a task runs: node arguments (e.g. ['--import', 'tsx', 'test/lab/apps/ledger-app.ts']). */
  nodeArgs: string[];
  /** Added to the container's environment (e.g. where the ledger lives). */
  env?: Record<string, string>;
}

interface Task {
  child: ChildProcess;
  taskDefinition: string;
  env: Record<string, string>;
  exited: Promise<void>;
}

export interface ReconcilerEvent {
  at: number;
  service: string;
  change: 'started' | 'stopped';
  bootstrap: string | undefined;
  pid: number;
}

const ROOT = join(__dirname, '../../..');

export class EcsReconciler {
  private readonly ecs: ECSClient;
  private readonly tasks = new Map<string, Task[]>();
  private readonly envCache = new Map<string, Record<string, string>>();
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> = Promise.resolve();
  /** What it did, in order: a test reads which cluster each generation of tasks talked to. */
  readonly events: ReconcilerEvent[] = [];

  constructor(
    endpoint: string,
    private readonly services: WatchedService[],
    private readonly logDir: string,
    private readonly intervalMs = 500,
  ) {
    this.ecs = new ECSClient(awsClientConfig(endpoint));
    mkdirSync(logDir, { recursive: true });
  }

  start(): void {
    const tick = () => {
      this.running = this.reconcile()
        .catch((e: Error) => console.error(`reconciler: ${e.message}`))
        .finally(() => {
          if (this.timer) this.timer = setTimeout(tick, this.intervalMs);
        });
    };
    this.timer = setTimeout(tick, 0);
  }

  /** Stops watching and stops every task it started. */
  async stop(): Promise<void> {
    const timer = this.timer;
    this.timer = undefined;
    clearTimeout(timer);
    await this.running;
    for (const [name, tasks] of this.tasks) await this.stopTasks(name, tasks.splice(0));
    this.ecs.destroy(); // its keep-alive sockets would hold the test process open
  }

  /** The tasks running now for `service`, with the environment each was given. */
  runningTasks(service: string): Array<{ pid: number; env: Record<string, string> }> {
    return (this.tasks.get(service) ?? []).map((t) => ({ pid: t.child.pid!, env: t.env }));
  }

  /** One pass: every watched service brought to its desired state. */
  async reconcile(): Promise<void> {
    for (const watched of this.services) {
      const out = await this.ecs.send(
        new DescribeServicesCommand({ cluster: watched.cluster, services: [watched.service] }),
      );
      const service = out.services?.find((s) => s.status === 'ACTIVE');
      const tasks = this.tasks.get(watched.service) ?? [];
      this.tasks.set(watched.service, tasks);
      // A task that exited on its own is replaced, as ECS would.
      for (const t of [...tasks])
        if (t.child.exitCode !== null || t.child.signalCode !== null) tasks.splice(tasks.indexOf(t), 1);
      const desired = service?.desiredCount ?? 0;
      const definition = service?.taskDefinition;
      const stale = tasks.filter((t) => t.taskDefinition !== definition);
      if (stale.length > 0)
        await this.stopTasks(
          watched.service,
          stale.map((t) => tasks.splice(tasks.indexOf(t), 1)[0]!),
        );
      if (tasks.length > desired) await this.stopTasks(watched.service, tasks.splice(desired));
      if (!definition) continue;
      while (tasks.length < desired) tasks.push(await this.startTask(watched, definition));
    }
  }

  private async environment(taskDefinition: string, container: string): Promise<Record<string, string>> {
    const key = `${taskDefinition}#${container}`;
    const cached = this.envCache.get(key);
    if (cached) return cached;
    const out = await this.ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition }));
    const c = out.taskDefinition?.containerDefinitions?.find((x) => x.name === container);
    const env = Object.fromEntries((c?.environment ?? []).map((e) => [e.name ?? '', e.value ?? '']));
    this.envCache.set(key, env);
    return env;
  }

  private async startTask(watched: WatchedService, taskDefinition: string): Promise<Task> {
    const env = { ...(await this.environment(taskDefinition, watched.container)), ...watched.env };
    const log = join(this.logDir, `${watched.service}.log`);
    const fd = openSync(log, 'a');
    const child = spawn(process.execPath, watched.nodeArgs, {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['ignore', fd, fd],
    });
    closeSync(fd);
    // A child that could not be spawned emits 'error' and never 'exit': it is gone all the same.
    const exited = new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.once('error', () => resolve());
    });
    this.events.push({
      at: Date.now(),
      service: watched.service,
      change: 'started',
      bootstrap: env.KAFKA_BOOTSTRAP_SERVERS,
      pid: child.pid!,
    });
    return { child, taskDefinition, env, exited };
  }

  private async stopTasks(service: string, tasks: Task[]): Promise<void> {
    await Promise.all(
      tasks.map(async (t) => {
        if (t.child.exitCode === null && t.child.signalCode === null) {
          t.child.kill('SIGTERM');
          const killer = setTimeout(() => t.child.kill('SIGKILL'), 15000);
          await t.exited;
          clearTimeout(killer);
        }
        this.events.push({
          at: Date.now(),
          service,
          change: 'stopped',
          bootstrap: t.env.KAFKA_BOOTSTRAP_SERVERS,
          pid: t.child.pid!,
        });
      }),
    );
  }
}
