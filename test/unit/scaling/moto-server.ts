import { spawn, type ChildProcess } from 'child_process';
import path from 'path';

export interface MotoServer {
  endpoint: string;
  stop(): Promise<void>;
}

/** Starts the project's moto_server on a random loopback port; the caller must stop it. */
export const startMoto = (): Promise<MotoServer> =>
  new Promise((resolve, reject) => {
    const bin = path.resolve(__dirname, '../../../.cache/venv/bin/moto_server');
    const child: ChildProcess = spawn(bin, ['-H', '127.0.0.1', '-p', '0'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const timer = setTimeout(() => {
      child.kill('SIGTERM');
      reject(new Error(`moto_server did not start: ${output}`));
    }, 30000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Running on http:\/\/127\.0\.0\.1:(\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({
          endpoint: `http://127.0.0.1:${match[1]}`,
          stop: () =>
            new Promise<void>((done) => {
              if (child.exitCode !== null) return done();
              child.once('exit', () => done());
              child.kill('SIGTERM');
            }),
        });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
