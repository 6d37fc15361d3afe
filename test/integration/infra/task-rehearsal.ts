// Runs an ECS task definition's container natively: its own command, environment and health check,
// with what only AWS has replaced by local stand-ins (see infra/README.md, "Rehearse the task definitions").
import { execFile } from 'node:child_process';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { spawnDetached, stopGroup, type Spawned } from '../../lab/processes';

const exec = promisify(execFile);

type Json = Record<string, unknown>;

export interface ContainerDefinition {
  Name: string;
  Command?: string[];
  EntryPoint?: string[];
  Environment?: Array<{ Name: string; Value: unknown }>;
  Secrets?: Array<{ Name: string; ValueFrom: unknown }>;
  HealthCheck?: { Command: string[]; StartPeriod?: number; Interval?: number; Retries?: number };
  PortMappings?: Array<{ ContainerPort: number }>;
}

/** Every container of every task definition in a synthesized template, by container name. */
export function containersOf(template: { Resources: Record<string, { Type: string; Properties?: Json }> }) {
  const out = new Map<string, ContainerDefinition>();
  for (const resource of Object.values(template.Resources)) {
    if (resource.Type !== 'AWS::ECS::TaskDefinition') continue;
    for (const c of (resource.Properties?.ContainerDefinitions as ContainerDefinition[]) ?? [])
      out.set(c.Name, c);
  }
  return out;
}

/**
 * A CloudFormation value as a string: literals stay, Fn::Join is joined, and Ref / Fn::GetAtt go through
 * `ref` (logical id, attribute), which knows what the rehearsal substitutes (bucket name, brokers).
 */
export function resolveValue(value: unknown, ref: (logicalId: string, attribute?: string) => string): string {
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  const v = value as Json;
  if (Array.isArray(v['Fn::Join'])) {
    const [sep, parts] = v['Fn::Join'] as [string, unknown[]];
    return parts.map((p) => resolveValue(p, ref)).join(sep);
  }
  if (typeof v.Ref === 'string') return ref(v.Ref);
  if (Array.isArray(v['Fn::GetAtt'])) {
    const [id, attribute] = v['Fn::GetAtt'] as [string, string];
    return ref(id, attribute);
  }
  throw new Error(`the rehearsal cannot resolve ${JSON.stringify(value)}`);
}

/**
 * What stands in for the task's network namespace: Cloud Map names map to loopback addresses, and the
 * task's fixed ports (every task has its own IP on Fargate) map to free local ports, in values and in
 * health-check commands alike.
 */
export class LocalNetwork {
  constructor(
    private readonly hosts: Record<string, string>,
    private readonly ports: Record<number, number>,
  ) {}

  port(taskPort: number): number {
    const local = this.ports[taskPort];
    if (local === undefined) throw new Error(`no local port for task port ${taskPort}`);
    return local;
  }

  /**
   * Replaces `:port` or a whole port value by its local stand-in, and DNS names by their loopback address
   * unless `names` is false (a process whose resolver is the nslookup shim looks them up itself).
   */
  localize(text: string, names = true): string {
    let out = text;
    if (names) for (const [name, ip] of Object.entries(this.hosts)) out = out.split(name).join(ip);
    for (const [task, local] of Object.entries(this.ports)) {
      out = out.replace(new RegExp(`(:|^)${task}(?=\\D|$)`, 'g'), `$1${local}`);
    }
    return out;
  }
}

export function environmentOf(
  container: ContainerDefinition,
  ref: (logicalId: string, attribute?: string) => string,
  network: LocalNetwork,
  options: { names: boolean } = { names: true },
): Record<string, string> {
  return Object.fromEntries(
    (container.Environment ?? []).map((e) => [
      e.Name,
      network.localize(resolveValue(e.Value, ref), options.names),
    ]),
  );
}

/**
 * A folder of shims that goes first on PATH: `hostname -i` answers the task's (non-loopback-127.0.0.1)
 * address, and `nslookup <cloud map name>` answers from the local network's host table.
 */
export function shimPath(dir: string, taskAddress: string, hosts: Record<string, string>): string {
  mkdirSync(dir, { recursive: true });
  const hostnameShim = join(dir, 'hostname');
  writeFileSync(
    hostnameShim,
    `#!/bin/sh\n# The task's own address, as awsvpc gives each task one.\n[ "\${1:-}" = "-i" ] && { echo ${taskAddress}; exit 0; }\necho rehearsal-task\n`,
  );
  const cases = Object.entries(hosts)
    .map(
      ([name, ip]) =>
        `  ${name}) printf 'Server:\\t\\t127.0.0.53\\nAddress:\\t127.0.0.53#53\\n\\nName:\\t%s\\nAddress: ${ip}\\n' "$1" ;;`,
    )
    .join('\n');
  const nslookupShim = join(dir, 'nslookup');
  writeFileSync(
    nslookupShim,
    `#!/bin/sh\n# Cloud Map answers, as the task's resolver would give them.\ncase "$1" in\n${cases}\n  *) echo "** server can't find $1: NXDOMAIN"; exit 1 ;;\nesac\n`,
  );
  chmodSync(hostnameShim, 0o755);
  chmodSync(nslookupShim, 0o755);
  return `${dir}:${process.env.PATH ?? ''}`;
}

/** Runs the container's CMD-SHELL health check as written (after localizing), with the task's timeout. */
export async function healthCheck(
  container: ContainerDefinition,
  network: LocalNetwork,
  env: NodeJS.ProcessEnv,
): Promise<{ ok: boolean; output: string }> {
  const command = container.HealthCheck?.Command;
  if (!command || command[0] !== 'CMD-SHELL')
    throw new Error(`${container.Name} has no CMD-SHELL health check`);
  try {
    const { stdout, stderr } = await exec('sh', ['-c', network.localize(command[1]!)], {
      env,
      timeout: 5000,
    });
    return { ok: true, output: stdout + stderr };
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string; message: string };
    return { ok: false, output: `${e.stdout ?? ''}${e.stderr ?? ''}${e.message}` };
  }
}

/** Polls until the health check passes, or fails with its last output after `timeoutMs`. */
export async function waitHealthy(
  container: ContainerDefinition,
  network: LocalNetwork,
  env: NodeJS.ProcessEnv,
  timeoutMs: number,
): Promise<{ ok: boolean; output: string; afterMs: number }> {
  const started = Date.now();
  let last = { ok: false, output: 'not run' };
  while (Date.now() - started < timeoutMs) {
    last = await healthCheck(container, network, env);
    if (last.ok) return { ...last, afterMs: Date.now() - started };
    await new Promise((r) => setTimeout(r, 1000));
  }
  return { ...last, afterMs: Date.now() - started };
}

export interface RunningTask {
  spawned: Spawned;
  stop(): Promise<void>;
}

export function startTask(
  command: string[],
  options: { env: NodeJS.ProcessEnv; cwd: string; log: string },
): RunningTask {
  const spawned = spawnDetached(command[0]!, command.slice(1), options);
  return { spawned, stop: () => stopGroup(spawned.pid, 10_000) };
}
