import { join } from 'node:path';
import type { LabConfig } from '../config';
import type { LabEndpoints } from '../endpoints';
import { spawnDetached, type Spawned } from '../processes';
import { httpOk } from '../readiness';
import type { ComponentName } from '../state';
import { connectReady, startConnect } from './connect';
import { kafkaReady, startKafka } from './kafka';
import { motoReady, startMoto } from './moto';
import { startPrometheus } from './prometheus';

export interface ComponentSpec {
  start(config: LabConfig, env: NodeJS.ProcessEnv): Spawned;
  ready(endpoints: LabEndpoints): Promise<boolean>;
  readyTimeoutMs: number;
}

/** How each lab component starts and when it counts as ready: used by up, and by tests that restart one. */
export const COMPONENT_SPECS: Record<ComponentName, ComponentSpec> = {
  source: {
    start: (c, env) => startKafka(c, 'source', env),
    ready: (e) => kafkaReady(e.source),
    readyTimeoutMs: 60000,
  },
  target: {
    start: (c, env) => startKafka(c, 'target', env),
    ready: (e) => kafkaReady(e.target),
    readyTimeoutMs: 60000,
  },
  aws: { start: startMoto, ready: (e) => motoReady(e.aws), readyTimeoutMs: 30000 },
  prometheus: {
    start: startPrometheus,
    ready: (e) => httpOk(`${e.prometheus}/-/ready`),
    readyTimeoutMs: 30000,
  },
  connect: { start: startConnect, ready: (e) => connectReady(e.connect), readyTimeoutMs: 120000 },
  traffic: {
    start: (c, env) =>
      spawnDetached(process.execPath, ['--import', 'tsx', join(__dirname, '..', 'traffic', 'main.ts')], {
        log: join(c.runDir, 'traffic', 'traffic.log'),
        env,
        cwd: c.root,
      }),
    ready: async () => true,
    readyTimeoutMs: 1000,
  },
};
