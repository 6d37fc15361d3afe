import { spawn } from 'node:child_process';
import { closeSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';

export interface Spawned {
  pid: number;
  log: string;
}

/** Starts a long-lived process in its own process group, its output appended to `log`. */
export function spawnDetached(
  command: string,
  args: string[],
  options: { log: string; cwd?: string; env?: NodeJS.ProcessEnv },
): Spawned {
  mkdirSync(dirname(options.log), { recursive: true });
  const fd = openSync(options.log, 'a');
  try {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      detached: true,
      stdio: ['ignore', fd, fd],
    });
    if (child.pid === undefined) throw new Error(`Could not start ${command}`);
    child.unref();
    return { pid: child.pid, log: options.log };
  } finally {
    closeSync(fd);
  }
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** SIGTERM to the whole group, then SIGKILL after `graceMs`: no orphans left behind. */
export async function stopGroup(pid: number, graceMs = 15000): Promise<void> {
  // The group when `pid` leads one (our spawns do), the process itself otherwise (a straggler).
  const signal = (sig: NodeJS.Signals) => {
    for (const target of [-pid, pid]) {
      try {
        process.kill(target, sig);
      } catch {
        /* already gone, or not a group leader */
      }
    }
  };
  signal('SIGTERM');
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline && isAlive(pid)) await sleep(200);
  if (isAlive(pid)) signal('SIGKILL');
  while (isAlive(pid)) await sleep(100);
  signal('SIGKILL'); // stragglers in the group
}
