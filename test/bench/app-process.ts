// A Slack app under measurement as a child process: started with its own argv and env, ready when a line
// matches, stopped with SIGTERM (then SIGKILL after a grace) so no bench leaves a process behind.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

export const repoRoot = join(__dirname, '../..');

export interface AppProcess {
  pid: number;
  lines: string[];
  stop(): Promise<void>;
}

export async function startAppProcess(
  args: string[],
  env: Record<string, string>,
  ready: RegExp,
  timeoutMs = 60_000,
): Promise<AppProcess> {
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd: repoRoot,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const grace = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(grace);
  };
  let timer: NodeJS.Timeout | undefined;
  try {
    await new Promise<void>((resolve, reject) => {
      const onData = (chunk: Buffer) => {
        for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) {
          lines.push(line);
          if (ready.test(line)) resolve();
        }
      };
      child.stdout!.on('data', onData);
      child.stderr!.on('data', onData);
      void exited.then(() =>
        reject(new Error(`${args.join(' ')} exited before it was ready:\n${lines.slice(-20).join('\n')}`)),
      );
      timer = setTimeout(
        () => reject(new Error(`${args.join(' ')} was not ready after ${timeoutMs} ms`)),
        timeoutMs,
      );
    });
  } catch (error) {
    await stop();
    throw error;
  } finally {
    clearTimeout(timer);
  }
  return { pid: child.pid as number, lines, stop };
}
