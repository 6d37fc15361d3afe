// A Slack app under test or measurement (the bot, a baseline Bolt app) as a child process: started with
// its own argv and a clean env, ready when an output line matches, stopped with a signal (then SIGKILL
// after a grace) so no test or bench leaves a process behind.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

export const repoRoot = join(__dirname, '../..');

export interface AppProcess {
  child: ChildProcess;
  pid: number;
  /** Every stdout/stderr line so far. */
  lines: string[];
  /** The line that matched `ready`. */
  readyLine: string;
  /** Sends `signal` (default SIGTERM), SIGKILL after 5 s; resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
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
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const stop = async (signal: NodeJS.Signals = 'SIGTERM') => {
    if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
    child.kill(signal);
    const grace = setTimeout(() => child.kill('SIGKILL'), 5000);
    const code = await exited;
    clearTimeout(grace);
    return code;
  };
  const name = args.at(-1) ?? 'the process';
  let timer: NodeJS.Timeout | undefined;
  try {
    const readyLine = await new Promise<string>((resolve, reject) => {
      const onData = (chunk: Buffer) => {
        for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) {
          lines.push(line);
          if (ready.test(line)) resolve(line);
        }
      };
      child.stdout!.on('data', onData);
      child.stderr!.on('data', onData);
      void exited.then((code) =>
        reject(new Error(`${name} exited with ${code} before it was ready:\n${lines.slice(-20).join('\n')}`)),
      );
      timer = setTimeout(
        () =>
          reject(new Error(`${name} was not ready after ${timeoutMs} ms:\n${lines.slice(-20).join('\n')}`)),
        timeoutMs,
      );
    });
    return { child, pid: child.pid as number, lines, readyLine, stop };
  } catch (error) {
    await stop();
    throw error;
  } finally {
    clearTimeout(timer);
  }
}
