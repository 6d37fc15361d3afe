import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { stopAuthRehearsal } from './auth-rehearsal';
import { controllerPort, mtlsPort, PORT_VARIABLES, scramPort, type LabConfig } from './config';
import { seedAws } from './components/aws-seed';
import { connectTargetUp } from './components/prometheus';
import { COMPONENT_SPECS } from './components/registry';
import { endpointsFor } from './endpoints';
import { labHealth, type LabHealth } from './health';
import { markedProcesses } from './orphans';
import { stopGroup, type Spawned } from './processes';
import { portFree, waitUntil } from './readiness';
import { clearState, COMPONENTS, readState, writeState, type ComponentName, type LabState } from './state';

export type Log = (line: string) => void;

const PORT_ROLES: Record<keyof LabConfig['ports'], string> = {
  source: 'the source Kafka broker',
  target: 'the target Kafka broker',
  connect: 'the Kafka Connect REST API',
  connectMetrics: "the Connect worker's JMX exporter",
  prometheus: 'Prometheus',
  aws: 'the moto AWS server',
};

async function assertPortsFree(config: LabConfig): Promise<void> {
  const wanted: Array<[number, string, string]> = [];
  for (const [key, variable] of Object.entries(PORT_VARIABLES) as Array<[keyof LabConfig['ports'], string]>) {
    wanted.push([config.ports[key], variable, PORT_ROLES[key]]);
    if (key === 'source' || key === 'target')
      wanted.push(
        [controllerPort(config.ports[key]), variable, `${PORT_ROLES[key]}'s controller (${variable} + 1)`],
        [scramPort(config.ports[key]), variable, `${PORT_ROLES[key]}'s SASL_SSL listener (${variable} + 2)`],
        [mtlsPort(config.ports[key]), variable, `${PORT_ROLES[key]}'s SSL listener (${variable} + 3)`],
      );
  }
  for (const [port, variable, role] of wanted) {
    if (!(await portFree(config.host, port))) {
      throw new Error(
        `Port ${port} (${role}) is already in use on ${config.host}. Stop what listens there, or choose another port with ${variable}=<port>.`,
      );
    }
  }
}

function logTail(file: string | undefined, lines = 15): string {
  if (!file || !existsSync(file)) return '';
  return `\n--- last lines of ${file} ---\n${readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n')}`;
}

/** Starts the lab, or reuses one that is already healthy. Returns whether it started anything. */
export async function labUp(config: LabConfig, log: Log): Promise<{ started: boolean; state: LabState }> {
  const previous = readState(config);
  if (previous) {
    const health = await labHealth(config, previous);
    if (health.up) {
      log('The lab is already up: reusing it.');
      return { started: false, state: previous };
    }
    const alive = COMPONENTS.filter((c) => health[c].pid !== undefined && health[c].healthy);
    if (alive.length > 0) {
      throw new Error(
        `The lab is partly up (healthy: ${alive.join(', ')}; not: ${COMPONENTS.filter((c) => !alive.includes(c)).join(', ')}). Run \`npm run lab:down\`, then \`npm run lab:up\`.`,
      );
    }
    await labDown(config, () => undefined);
  }
  await assertPortsFree(config);

  const began = Date.now();
  const endpoints = endpointsFor(config);
  for (const dir of ['source', 'target', 'connect', 'prometheus', 'aws', 'traffic'])
    rmSync(join(config.runDir, dir), { recursive: true, force: true });
  const state: LabState = { startedAt: new Date().toISOString(), endpoints, pids: {}, logs: {} };
  const env = { ...process.env, MM2_LAB_RUN_DIR: config.runDir };
  const track = (name: ComponentName, spawned: Spawned) => {
    state.pids[name] = spawned.pid;
    state.logs[name] = spawned.log;
    writeState(config, state);
  };
  const ready = async (name: ComponentName, check: () => Promise<boolean>, timeoutMs: number) => {
    await waitUntil(name, check, timeoutMs, `See ${state.logs[name]}.${logTail(state.logs[name])}`);
    log(`  ${name} ready (${((Date.now() - began) / 1000).toFixed(1)} s)`);
  };

  const start = (name: ComponentName) => track(name, COMPONENT_SPECS[name].start(config, env));
  const becomeReady = (name: ComponentName) =>
    ready(name, () => COMPONENT_SPECS[name].ready(endpoints), COMPONENT_SPECS[name].readyTimeoutMs);

  try {
    log(`Starting the lab in ${config.runDir} ...`);
    for (const name of ['source', 'target', 'aws', 'prometheus'] as const) start(name);
    await Promise.all([
      becomeReady('target').then(() => start('connect')),
      becomeReady('source').then(() => start('traffic')),
      becomeReady('aws').then(() => seedAws(endpoints.aws)),
      becomeReady('prometheus'),
    ]);
    await becomeReady('connect');
    await ready('prometheus', () => connectTargetUp(endpoints.prometheus), 60000);
    state.startupSeconds = Number(((Date.now() - began) / 1000).toFixed(1));
    writeState(config, state);
    return { started: true, state };
  } catch (error) {
    log('The lab did not come up; stopping what was started.');
    await labDown(config, () => undefined);
    throw error;
  }
}

/** Stops every lab process (and any straggler carrying the lab's marker). Harmless when nothing runs. */
export async function labDown(config: LabConfig, log: Log): Promise<number> {
  const state = readState(config);
  const order: ComponentName[] = ['traffic', 'connect', 'prometheus', 'aws', 'source', 'target'];
  let stopped = 0;
  if (await stopAuthRehearsal(config, log)) stopped++;
  for (const name of order) {
    const pid = state?.pids[name];
    if (pid === undefined) continue;
    await stopGroup(pid);
    stopped++;
    log(`  stopped ${name}`);
  }
  for (const pid of markedProcesses(config.runDir)) {
    await stopGroup(pid, 5000);
    stopped++;
  }
  clearState(config);
  return stopped;
}

export async function labStatus(config: LabConfig): Promise<LabHealth & { startupSeconds?: number }> {
  const state = readState(config);
  return { ...(await labHealth(config, state)), startupSeconds: state?.startupSeconds };
}

/** Stops one component of a running lab (tests: a broker down for a while, Connect killed, Prometheus gone). */
export async function stopComponent(
  config: LabConfig,
  name: ComponentName,
  signal: 'graceful' | 'kill' = 'graceful',
): Promise<void> {
  const state = readState(config);
  const pid = state?.pids[name];
  if (!state || pid === undefined) throw new Error(`The lab has no running ${name}.`);
  await stopGroup(pid, signal === 'kill' ? 0 : 15000);
  delete state.pids[name];
  writeState(config, state);
}

/** Starts one component again on its existing data and waits until it is ready. */
export async function startComponent(config: LabConfig, name: ComponentName): Promise<void> {
  const state = readState(config);
  if (!state) throw new Error('The lab is not up: npm run lab:up');
  const spawned = COMPONENT_SPECS[name].start(config, { ...process.env, MM2_LAB_RUN_DIR: config.runDir });
  state.pids[name] = spawned.pid;
  state.logs[name] = spawned.log;
  writeState(config, state);
  await waitUntil(
    name,
    () => COMPONENT_SPECS[name].ready(state.endpoints),
    COMPONENT_SPECS[name].readyTimeoutMs,
    `See ${spawned.log}.${logTail(spawned.log)}`,
  );
  // moto keeps everything in memory: a restarted one has lost the lab's bucket and ECS services.
  if (name === 'aws') await seedAws(state.endpoints.aws);
}
