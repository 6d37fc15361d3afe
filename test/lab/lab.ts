import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { controllerPort, PORT_VARIABLES, type LabConfig } from './config';
import { seedAws } from './components/aws-seed';
import { connectReady, startConnect } from './components/connect';
import { kafkaReady, startKafka } from './components/kafka';
import { motoReady, startMoto } from './components/moto';
import { connectTargetUp, startPrometheus } from './components/prometheus';
import { endpointsFor } from './endpoints';
import { labHealth, type LabHealth } from './health';
import { markedProcesses } from './orphans';
import { spawnDetached, stopGroup, type Spawned } from './processes';
import { httpOk, portFree, waitUntil } from './readiness';
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
      wanted.push([
        controllerPort(config.ports[key]),
        variable,
        `${PORT_ROLES[key]}'s controller (${variable} + 1)`,
      ]);
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

  try {
    log(`Starting the lab in ${config.runDir} ...`);
    track('source', startKafka(config, 'source', env));
    track('target', startKafka(config, 'target', env));
    track('aws', startMoto(config, env));
    track('prometheus', startPrometheus(config, env));
    await Promise.all([
      ready('target', () => kafkaReady(endpoints.target), 60000).then(() =>
        track('connect', startConnect(config, env)),
      ),
      ready('source', () => kafkaReady(endpoints.source), 60000).then(() =>
        track(
          'traffic',
          spawnDetached(process.execPath, ['--import', 'tsx', join(__dirname, 'traffic', 'main.ts')], {
            log: join(config.runDir, 'traffic', 'traffic.log'),
            env,
            cwd: config.root,
          }),
        ),
      ),
      ready('aws', () => motoReady(endpoints.aws), 30000).then(() => seedAws(endpoints.aws)),
      ready('prometheus', () => httpOk(`${endpoints.prometheus}/-/ready`), 30000),
    ]);
    await ready('connect', () => connectReady(endpoints.connect), 120000);
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
