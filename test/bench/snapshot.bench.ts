// Scenario 5, panel snapshots (issue 12):
// a) the built-in renderer vs headless Chromium drawing the same chart (6 series x 600 points, 800x400)
//    from the same data, each in a process of its own (see snapshot-render.child.ts) run as compiled
//    JavaScript like the bot's image: median time per panel and peak memory (PSS of the whole process
//    tree, sampled from here);
// b) `/mm2 snapshot` end to end in the lab: slash command to completed upload (files.completeUploadExternal
//    at the Slack stand-in), Prometheus included, through the real bot process.
import { execFileSync, spawn } from 'node:child_process';
import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { APPROVER_GROUP, botEnv, CHANNEL, TOKENS, USERS } from '../integration/bot/bot-env';
import { startBotProcess, type BotProcess } from '../integration/bot/bot-process';
import type { LabEndpoints } from '../lab/endpoints';
import { SlackStandIn } from '../slack-standin';
import { repoRoot } from '../support/app-process';
import { productionNodeOptions } from '../support/node-options';
import { below, type ScenarioResult } from './results';
import { median, percentiles, ratio, type Percentiles } from './stats';
import { treePssSampler } from './tree-memory';

interface RenderSide {
  ms: number[];
  bytes: number;
  medianMs: number;
  peakPssMb: number;
}

export interface SnapshotBenchDetails {
  renders: number;
  builtin: RenderSide;
  chromium: RenderSide;
  speedup: number;
  memoryRatio: number;
  endToEnd: Percentiles & { ms: number[]; runs: number; pngBytes: number };
}

const BUILD_DIR = join(repoRoot, '.lab-run/bench/snapshot-dist');

/**
 * Both render children as compiled JavaScript run by plain node, as the bot runs in its image
 * (docker/bot/Dockerfile: tsc, the assets beside the output). Under tsx each side would carry an
 * on-the-fly compiler (its loader and esbuild's service process) that production does not.
 */
function buildRenderChild(): string {
  execFileSync(
    process.execPath,
    [
      join(repoRoot, 'node_modules/typescript/bin/tsc'),
      '--project',
      join(__dirname, 'tsconfig.snapshot-build.json'),
      '--outDir',
      BUILD_DIR,
    ],
    { cwd: repoRoot, stdio: 'pipe', timeout: 240_000 },
  );
  cpSync(join(repoRoot, 'bot/assets'), join(BUILD_DIR, 'bot/assets'), { recursive: true });
  return join(BUILD_DIR, 'test/bench/snapshot-render.child.js');
}

function renderSide(
  childScript: string,
  mode: 'builtin' | 'chromium',
  runs: number,
  log: (l: string) => void,
): Promise<RenderSide> {
  return new Promise((resolve, reject) => {
    // The built-in side runs with the bot's production node flags (docker/bot/node-options), as it would
    // in the bot; the Chromium side's driver is plain node, as Grafana's renderer service is.
    const flags = mode === 'builtin' ? productionNodeOptions() : [];
    const child = spawn(process.execPath, [...flags, childScript, mode, String(runs)], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const sampler = treePssSampler(child.pid!, 50);
    let stdout = '';
    const stderr: string[] = [];
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => stderr.push(c.toString('utf8')));
    const timer = setTimeout(() => child.kill('SIGKILL'), 600_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      const peakPssMb = sampler.stop();
      if (code !== 0)
        return reject(new Error(`${mode} render child exited ${code}: ${stderr.join('').slice(-1500)}`));
      const r = JSON.parse(stdout) as { ms: number[]; bytes: number };
      log(
        `snapshot ${mode}: median ${median(r.ms)} ms over ${r.ms.length} renders, peak PSS ${peakPssMb} MB`,
      );
      resolve({ ...r, medianMs: median(r.ms), peakPssMb });
    });
  });
}

export async function benchSnapshot(o: {
  lab: LabEndpoints;
  log?: (line: string) => void;
  renders?: number;
  runs?: number;
}): Promise<ScenarioResult<SnapshotBenchDetails>> {
  const log = o.log ?? (() => undefined);
  const renders = o.renders ?? 10;
  const t = performance.now();
  const childScript = buildRenderChild();
  log(`snapshot render child compiled in ${Math.round(performance.now() - t)} ms`);
  const builtin = await renderSide(childScript, 'builtin', renders, log);
  const chromium = await renderSide(childScript, 'chromium', renders, log);
  const speedup = ratio(chromium.medianMs, builtin.medianMs);
  const memoryRatio = ratio(chromium.peakPssMb, builtin.peakPssMb);

  const runs = o.runs ?? 20;
  const standIn = await SlackStandIn.start({
    botToken: TOKENS.bot,
    appToken: TOKENS.app,
    usergroups: { [APPROVER_GROUP]: [USERS.groupApprover] },
  });
  let bot: BotProcess | undefined;
  const ms: number[] = [];
  let pngBytes = 0;
  try {
    bot = await startBotProcess(botEnv(standIn.apiUrl, o.lab, { MM2_SCRAPE_INTERVAL_SECONDS: '3' }));
    await standIn.waitForConnection({ timeoutMs: 30_000 });
    const once = async (): Promise<number> => {
      const before = standIn.uploadedFiles().length;
      const t = performance.now();
      await standIn.sendSlashCommand({
        text: 'snapshot records lag --range 1h',
        user_id: USERS.viewer,
        channel_id: CHANNEL,
      });
      const file = await standIn.waitFor(
        () => standIn.uploadedFiles()[before],
        30_000,
        'the snapshot upload',
      );
      const elapsed = performance.now() - t;
      const png = PNG.sync.read(file.bytes);
      if (png.width !== 800 || png.height !== 400)
        throw new Error(`the snapshot is ${png.width}x${png.height}`);
      pngBytes = file.bytes.length;
      return elapsed;
    };
    for (let i = 0; i < 2; i++) await once();
    for (let i = 0; i < runs; i++) ms.push(await once());
  } finally {
    await bot?.stop('SIGTERM');
    await standIn.stop();
  }
  const e2e = percentiles(ms);
  log(`snapshot end to end: p50 ${e2e.p50} ms, p95 ${e2e.p95} ms over ${runs} runs`);
  const s = `5 snapshot (6 series x 600 points, 800x400; ${renders} renders each)`;
  return {
    name: 'snapshot',
    rows: [
      {
        scenario: s,
        metric: 'median per panel, built-in vs headless Chromium',
        value: builtin.medianMs,
        unit: 'ms',
        baseline: chromium.medianMs,
        ratio: speedup,
        target: 'Chromium ≥ 10x slower',
        met: speedup >= 10,
      },
      {
        scenario: s,
        metric: 'peak memory (PSS of the process tree), built-in vs Chromium',
        value: builtin.peakPssMb,
        unit: 'MB',
        baseline: chromium.peakPssMb,
        ratio: memoryRatio,
        target: 'Chromium ≥ 5x more',
        met: memoryRatio >= 5,
      },
      {
        scenario: `5 /mm2 snapshot end to end in the lab (N=${runs})`,
        metric: 'p95, command to upload complete',
        value: e2e.p95,
        unit: 'ms',
        target: '< 1500 ms',
        met: below(1500, e2e.p95),
      },
    ],
    details: { renders, builtin, chromium, speedup, memoryRatio, endToEnd: { ...e2e, ms, runs, pngBytes } },
  };
}
