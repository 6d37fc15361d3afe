import { join } from 'node:path';
import type { LabConfig } from '../config';
import { spawnDetached, type Spawned } from '../processes';

export function startMoto(config: LabConfig, env: NodeJS.ProcessEnv): Spawned {
  const dir = join(config.runDir, 'aws');
  return spawnDetached(
    join(config.cacheDir, 'venv', 'bin', 'moto_server'),
    ['-H', config.host, '-p', String(config.ports.aws)],
    {
      log: join(dir, 'moto.log'),
      // ECS services in moto never start tasks: make runningCount follow desiredCount, like a healthy service.
      env: { ...env, MOTO_ECS_SERVICE_RUNNING: '1' },
    },
  );
}

export async function motoReady(url: string): Promise<boolean> {
  const res = await fetch(`${url}/moto-api/data.json`, { signal: AbortSignal.timeout(3000) });
  // Read the body: moto closes the connection after it, and on Node 20 an unread body on a closed
  // connection trips an assertion in undici 7 (loaded by @slack/socket-mode 3), which Node's own fetch
  // then uses as its global dispatcher; the process dies.
  await res.arrayBuffer();
  return res.ok;
}
