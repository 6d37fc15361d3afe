// Scenario 1: ack latency of the real bot process for a burst of `/mm2 help` slash commands, against the
// minimal Bolt baseline in its own process, alternating rounds, each round with a fresh stand-in and a
// fresh process. Also the bot's resident memory, idle (settled after start) and loaded (peak of the bursts).
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { SlackStandIn } from '../slack-standin';
import type { LabEndpoints } from '../lab/endpoints';
import { APPROVER_GROUP, botEnv, CHANNEL, TOKENS, USERS } from '../integration/bot/bot-env';
import { startBotProcess } from '../integration/bot/bot-process';
import { repoRoot, startAppProcess } from '../support/app-process';
import { productionNodeOptions } from '../support/node-options';
import { procMemory, rssSampler } from './proc-memory';
import { atMost, below, type Row, type ScenarioResult } from './results';
import { median, percentiles, ratio, round1, type Percentiles } from './stats';

export type Side = 'bot' | 'baseline' | 'bot-node' | 'baseline-node';

export interface AckBenchOptions {
  lab: LabEndpoints;
  /** Rounds of each side (default 3), alternating bot / baseline. */
  rounds?: number;
  /** Slash commands per burst, sent at once (default 200). */
  burst?: number;
  /** Also build the bot with tsc and measure it under plain node (one round; default true). */
  nodeBuild?: boolean;
  log?: (line: string) => void;
}

export interface RoundResult {
  side: Side;
  round: number;
  latenciesMs: number[];
  ack: Percentiles;
  /** From the first envelope sent to the last ack, and to the last reply recorded. */
  burstAckedMs: number;
  burstRepliedMs: number;
  idleRssMb: number;
  loadedPeakRssMb: number;
  hwmMb: number;
  startMs: number;
}

export interface AckBenchDetails {
  burst: number;
  rounds: number;
  processModel: string;
  perRound: Array<Omit<RoundResult, 'latenciesMs'>>;
  bot: Percentiles;
  baseline: Percentiles;
  nodeBuild?:
    { bot: Omit<RoundResult, 'latenciesMs'>; baseline: Omit<RoundResult, 'latenciesMs'> } | { error: string };
}

const SETTLE_MS = 3000;
const BUILD_DIR = join(repoRoot, '.lab-run/bench/dist');
const WARM_UP = 5;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Running {
  pid: number;
  stop(): Promise<unknown>;
}

async function startSide(side: Side, standIn: SlackStandIn, lab: LabEndpoints): Promise<Running> {
  const env = botEnv(standIn.apiUrl, lab);
  if (side === 'bot') {
    const bot = await startBotProcess(env);
    return { pid: bot.child.pid as number, stop: () => bot.stop() };
  }
  if (side === 'bot-node')
    return startAppProcess(
      [...productionNodeOptions(), join(BUILD_DIR, 'bot/main.js')],
      env,
      /"mm2-chatops ready"/,
    );
  return startAppProcess(
    side === 'baseline-node'
      ? [join(BUILD_DIR, 'test/bench/baseline-entry.js')]
      : ['--import', 'tsx', join(__dirname, 'baseline-entry.ts')],
    { SLACK_API_URL: standIn.apiUrl, SLACK_BOT_TOKEN: TOKENS.bot, SLACK_APP_TOKEN: TOKENS.app },
    /^baseline ready$/,
  );
}

const repliesTo = (standIn: SlackStandIn) => standIn.ephemeralsFor(USERS.viewer, CHANNEL).length;

async function sendHelps(standIn: SlackStandIn, count: number): Promise<void> {
  await Promise.all(
    Array.from({ length: count }, () =>
      standIn.sendSlashCommand({
        text: 'help',
        user_id: USERS.viewer,
        channel_id: CHANNEL,
        timeoutMs: 60_000,
      }),
    ),
  );
}

async function runRound(side: Side, round: number, lab: LabEndpoints, burst: number): Promise<RoundResult> {
  const standIn = await SlackStandIn.start({
    botToken: TOKENS.bot,
    appToken: TOKENS.app,
    usergroups: { [APPROVER_GROUP]: [USERS.groupApprover] },
  });
  let app: Running | undefined;
  try {
    const began = performance.now();
    app = await startSide(side, standIn, lab);
    await standIn.waitForConnection({ timeoutMs: 30_000 });
    const startMs = Math.round(performance.now() - began);
    await sleep(SETTLE_MS);
    const idle = procMemory(app.pid);
    // A few commands first, one at a time, so that neither side pays its lazy loading inside the burst.
    for (let i = 0; i < WARM_UP; i++) await sendHelps(standIn, 1);
    await standIn.waitFor(() => repliesTo(standIn) >= WARM_UP, 30_000, 'replies to the warm-up');
    standIn.resetAckLatencies();
    const before = repliesTo(standIn);
    const sampler = rssSampler(app.pid);
    const t0 = performance.now();
    let peak: number;
    let burstAckedMs: number;
    try {
      await sendHelps(standIn, burst);
      burstAckedMs = Math.round(performance.now() - t0);
      await standIn.waitFor(() => repliesTo(standIn) >= before + burst, 120_000, 'replies to the burst');
    } finally {
      peak = sampler.stop();
    }
    const burstRepliedMs = Math.round(performance.now() - t0);
    const latenciesMs = standIn.ackLatencies();
    if (latenciesMs.length !== burst)
      throw new Error(`${side}: ${latenciesMs.length} acks recorded for ${burst} commands`);
    return {
      side,
      round,
      latenciesMs,
      ack: percentiles(latenciesMs),
      burstAckedMs,
      burstRepliedMs,
      idleRssMb: idle.rssMb,
      loadedPeakRssMb: peak,
      hwmMb: procMemory(app.pid).hwmMb,
      startMs,
    };
  } finally {
    await app?.stop();
    await standIn.stop();
  }
}

/** tsc of bot/ and the baseline entry into .lab-run/bench/dist (inside the repository, so node_modules resolve). */
function buildBotWithTsc(): void {
  execFileSync(
    process.execPath,
    [
      join(repoRoot, 'node_modules/typescript/bin/tsc'),
      '--project',
      join(__dirname, 'tsconfig.bot-build.json'),
      '--outDir',
      BUILD_DIR,
    ],
    { cwd: repoRoot, stdio: 'pipe', timeout: 240_000 },
  );
}

const strip = ({ latenciesMs: _l, ...rest }: RoundResult) => rest;
const mean = (xs: number[]) => round1(xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length));

export async function benchAckLatency(o: AckBenchOptions): Promise<ScenarioResult<AckBenchDetails>> {
  const log = o.log ?? (() => undefined);
  const rounds = o.rounds ?? 3;
  const burst = o.burst ?? 200;
  const results: RoundResult[] = [];
  for (let round = 1; round <= rounds; round++) {
    for (const side of ['bot', 'baseline'] as const) {
      const r = await runRound(side, round, o.lab, burst);
      log(
        `ack ${side} round ${round}: p50 ${r.ack.p50} p95 ${r.ack.p95} p99 ${r.ack.p99} ms; idle ${r.idleRssMb} MB, peak ${r.loadedPeakRssMb} MB`,
      );
      results.push(r);
    }
  }
  let nodeBuild: AckBenchDetails['nodeBuild'];
  if (o.nodeBuild !== false) {
    try {
      const t = performance.now();
      buildBotWithTsc();
      log(`tsc build of bot/ in ${Math.round(performance.now() - t)} ms`);
      const [b, base] = [
        await runRound('bot-node', 1, o.lab, burst),
        await runRound('baseline-node', 1, o.lab, burst),
      ];
      for (const r of [b, base])
        log(`ack ${r.side}: p99 ${r.ack.p99} ms; idle ${r.idleRssMb} MB, peak ${r.loadedPeakRssMb} MB`);
      nodeBuild = { bot: strip(b), baseline: strip(base) };
    } catch (error) {
      nodeBuild = { error: error instanceof Error ? error.message.split('\n')[0]! : String(error) };
      log(`bot-node round failed: ${nodeBuild.error}`);
    }
  }
  const of = (side: Side) => results.filter((r) => r.side === side);
  const bot = percentiles(of('bot').flatMap((r) => r.latenciesMs));
  const baseline = percentiles(of('baseline').flatMap((r) => r.latenciesMs));
  const botIdle = mean(of('bot').map((r) => r.idleRssMb));
  const baseIdle = mean(of('baseline').map((r) => r.idleRssMb));
  const botPeak = Math.max(...of('bot').map((r) => r.loadedPeakRssMb));
  const basePeak = Math.max(...of('baseline').map((r) => r.loadedPeakRssMb));
  const s = `1 ack latency (${burst} x /mm2 help, ${rounds} rounds each)`;
  const p99Ratio = ratio(bot.p99, baseline.p99);
  const rows: Row[] = [
    {
      scenario: s,
      metric: 'ack p50',
      value: bot.p50,
      unit: 'ms',
      baseline: baseline.p50,
      ratio: ratio(bot.p50, baseline.p50),
    },
    {
      scenario: s,
      metric: 'ack p95',
      value: bot.p95,
      unit: 'ms',
      baseline: baseline.p95,
      ratio: ratio(bot.p95, baseline.p95),
    },
    {
      scenario: s,
      metric: 'ack p99',
      value: bot.p99,
      unit: 'ms',
      baseline: baseline.p99,
      ratio: p99Ratio,
      target: 'ratio ≤ 1.2',
      met: atMost(1.2, p99Ratio),
    },
    {
      scenario: s,
      metric: 'burst: last ack, median of rounds',
      value: median(of('bot').map((r) => r.burstAckedMs)),
      unit: 'ms',
      baseline: median(of('baseline').map((r) => r.burstAckedMs)),
      ratio: ratio(
        median(of('bot').map((r) => r.burstAckedMs)),
        median(of('baseline').map((r) => r.burstAckedMs)),
      ),
    },
    {
      scenario: s,
      metric: 'burst: last reply, median of rounds',
      value: median(of('bot').map((r) => r.burstRepliedMs)),
      unit: 'ms',
      baseline: median(of('baseline').map((r) => r.burstRepliedMs)),
      ratio: ratio(
        median(of('bot').map((r) => r.burstRepliedMs)),
        median(of('baseline').map((r) => r.burstRepliedMs)),
      ),
    },
    {
      scenario: s,
      metric: 'RSS idle (tsx), mean of rounds',
      value: botIdle,
      unit: 'MB',
      baseline: baseIdle,
      ratio: ratio(botIdle, baseIdle),
      target: '< 150 MB',
      met: below(150, botIdle),
    },
    {
      scenario: s,
      metric: 'RSS loaded (tsx), peak of bursts',
      value: botPeak,
      unit: 'MB',
      baseline: basePeak,
      ratio: ratio(botPeak, basePeak),
    },
  ];
  if (nodeBuild && 'bot' in nodeBuild) {
    const { bot: b, baseline: base } = nodeBuild;
    rows.push(
      {
        scenario: s,
        metric: 'RSS idle (tsc build, plain node)',
        value: b.idleRssMb,
        unit: 'MB',
        baseline: base.idleRssMb,
        ratio: ratio(b.idleRssMb, base.idleRssMb),
        target: '< 150 MB',
        met: below(150, b.idleRssMb),
      },
      {
        scenario: s,
        metric: 'RSS loaded (tsc build, plain node)',
        value: b.loadedPeakRssMb,
        unit: 'MB',
        baseline: base.loadedPeakRssMb,
        ratio: ratio(b.loadedPeakRssMb, base.loadedPeakRssMb),
      },
      {
        scenario: s,
        metric: 'ack p99 (tsc build, 1 round each)',
        value: b.ack.p99,
        unit: 'ms',
        baseline: base.ack.p99,
        ratio: ratio(b.ack.p99, base.ack.p99),
      },
    );
  }
  return {
    name: 'ack-latency',
    rows,
    details: {
      burst,
      rounds,
      processModel:
        'bot: node --import tsx bot/main.ts (startBotProcess); baseline: node --import tsx test/bench/baseline-entry.ts; each its own process, fresh stand-in per round',
      perRound: results.map(strip),
      bot,
      baseline,
      ...(nodeBuild ? { nodeBuild } : {}),
    },
  };
}
