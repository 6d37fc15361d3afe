import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '../../..');

export interface BotProcess {
  child: ChildProcess;
  /** Every stdout/stderr line so far (JSON log lines and anything else). */
  lines: string[];
  metricsPort: number;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** The real bot (bot/main.ts) as its own process, started with `env`; resolves once it logs "ready". */
export async function startBotProcess(env: Record<string, string>, timeoutMs = 60000): Promise<BotProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'bot/main.ts')], {
    cwd: root,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  let resolveReady: (port: number) => void;
  const ready = new Promise<number>((resolve) => (resolveReady = resolve));
  const onData = (chunk: Buffer) => {
    for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) {
      lines.push(line);
      if (line.includes('"mm2-chatops ready"'))
        resolveReady((JSON.parse(line) as { metricsPort: number }).metricsPort);
    }
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let timer: NodeJS.Timeout | undefined;
  const metricsPort = await Promise.race([
    ready,
    exited.then((code) => {
      throw new Error(`The bot exited with ${code} before it was ready:\n${lines.slice(-20).join('\n')}`);
    }),
    new Promise<never>(
      (_, reject) =>
        (timer = setTimeout(
          () =>
            reject(new Error(`The bot was not ready after ${timeoutMs} ms:\n${lines.slice(-20).join('\n')}`)),
          timeoutMs,
        )),
    ),
  ]).finally(() => clearTimeout(timer));
  return {
    child,
    lines,
    metricsPort,
    stop: async (signal = 'SIGTERM') => {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      child.kill(signal);
      return exited;
    },
  };
}
