// Scenario 4: the lab's start-up time with warm caches (a second lab of its own on other ports and its own
// run folder, so the shared lab is not disturbed), and the memory of the lab processes: the sum of VmRSS
// over the processes carrying the lab's marker, for the fresh second lab and for the shared one.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { labConfig, type LabConfig } from '../lab/config';
import { labDown, labUp } from '../lab/lab';
import { markedProcesses } from '../lab/orphans';
import { procMemory } from './proc-memory';
import { below, type Row, type ScenarioResult } from './results';
import { round1 } from './stats';

export interface LabBenchOptions {
  /** The shared lab, measured in place (memory only). */
  shared: LabConfig;
  /** Ports of the second lab; defaults stay clear of the shared lab and of the lifecycle test's. */
  ports?: Record<string, string>;
  log?: (line: string) => void;
}

export interface LabMemory {
  processes: number;
  totalRssMb: number;
  byPid: Array<{ pid: number; command: string; rssMb: number }>;
}

export interface LabBenchDetails {
  startupWallSeconds: number;
  startupRecordedSeconds?: number;
  secondLab: LabMemory;
  sharedLab: LabMemory;
  leftoverAfterDown: number;
}

// Below the kernel's ephemeral range (32768-60999 here), where no client socket or port-0 server of a
// parallel test can take one of them by chance.
const SECOND_LAB_PORTS = {
  LAB_PORT_SOURCE: '21092',
  LAB_PORT_TARGET: '22092',
  LAB_PORT_CONNECT: '21083',
  LAB_PORT_CONNECT_METRICS: '21404',
  LAB_PORT_PROMETHEUS: '21090',
  LAB_PORT_AWS: '21000',
};
const SETTLE_MS = 10_000;
const GIB_MB = 3 * 1024;

const ROLES: Array<[RegExp, string]> = [
  [/^kafka\.Kafka$/, 'kafka broker'],
  [/ConnectDistributed$/, 'connect worker'],
  [/moto_server$/, 'moto'],
  [/\/prometheus$/, 'prometheus'],
  [/traffic/, 'traffic generator'],
  [/esbuild$/, 'esbuild (tsx)'],
];

/** What a marked process is, from its argv (the JVM's main class, the binary, the script). */
function roleOf(pid: number): string {
  try {
    const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
    for (const [pattern, role] of ROLES) if (argv.some((a) => pattern.test(a))) return role;
    return (argv[0] ?? '?').split('/').at(-1) ?? '?';
  } catch {
    return '?';
  }
}

export function labMemory(runDir: string): LabMemory {
  const byPid: LabMemory['byPid'] = [];
  for (const pid of markedProcesses(runDir)) {
    try {
      byPid.push({ pid, command: roleOf(pid), rssMb: procMemory(pid).rssMb });
    } catch {
      /* ended meanwhile */
    }
  }
  return {
    processes: byPid.length,
    totalRssMb: round1(byPid.reduce((sum, p) => sum + p.rssMb, 0)),
    byPid,
  };
}

export async function benchLab(o: LabBenchOptions): Promise<ScenarioResult<LabBenchDetails>> {
  const log = o.log ?? (() => undefined);
  const runDir = mkdtempSync(join(tmpdir(), 'mm2-bench-lab-'));
  const config = labConfig({ ...process.env, ...(o.ports ?? SECOND_LAB_PORTS), LAB_RUN_DIR: runDir });
  let details: LabBenchDetails;
  try {
    log(`second lab in ${runDir} (connect on ${config.ports.connect})`);
    const t = performance.now();
    const { state } = await labUp(config, (line) => log(`  [lab 2] ${line.trim()}`));
    const startupWallSeconds = round1((performance.now() - t) / 1000);
    log(`second lab up in ${startupWallSeconds} s; letting it settle ${SETTLE_MS / 1000} s`);
    await new Promise((r) => setTimeout(r, SETTLE_MS));
    details = {
      startupWallSeconds,
      ...(state.startupSeconds !== undefined ? { startupRecordedSeconds: state.startupSeconds } : {}),
      secondLab: labMemory(config.runDir),
      sharedLab: labMemory(o.shared.runDir),
      leftoverAfterDown: -1,
    };
  } finally {
    await labDown(config, (line) => log(`  [lab 2] ${line.trim()}`));
  }
  details.leftoverAfterDown = markedProcesses(config.runDir).length;
  rmSync(runDir, { recursive: true, force: true });
  if (details.leftoverAfterDown > 0)
    throw new Error(`the second lab left ${details.leftoverAfterDown} processes behind`);
  const s = '4 lab';
  const rows: Row[] = [
    {
      scenario: s,
      metric: 'start-up, warm caches (second lab)',
      value: details.startupWallSeconds,
      unit: 's',
      target: '< 90 s',
      met: below(90, details.startupWallSeconds),
    },
    {
      scenario: s,
      metric: `memory, second lab (${details.secondLab.processes} processes)`,
      value: details.secondLab.totalRssMb,
      unit: 'MB',
      target: '< 3 GiB',
      met: below(GIB_MB, details.secondLab.totalRssMb),
    },
    {
      scenario: s,
      metric: `memory, shared lab (${details.sharedLab.processes} processes)`,
      value: details.sharedLab.totalRssMb,
      unit: 'MB',
      target: '< 3 GiB',
      met: below(GIB_MB, details.sharedLab.totalRssMb),
    },
  ];
  return { name: 'lab', rows, details };
}
