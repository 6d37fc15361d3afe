// Scenario 2: `/mm2 status` end to end through the real bot process and the stand-in (from the slash
// command sent to the final reply recorded), against the one Connect call it needs, made directly
// (GET /connectors?expand=status&expand=info), alternating, one at a time. For reference, the same
// status from the smallest Bolt app that can give it (the raw JSON in its ack, own stand-in): the floor.
import { join } from 'node:path';
import { SlackStandIn } from '../slack-standin';
import type { StoredMessage } from '../slack-standin/types';
import type { LabEndpoints } from '../lab/endpoints';
import { ensureMm2Running } from '../lab/mm2-connectors';
import { APPROVER_GROUP, botEnv, CHANNEL, TOKENS, USERS } from '../integration/bot/bot-env';
import { startBotProcess, type BotProcess } from '../integration/bot/bot-process';
import { startAppProcess, type AppProcess } from '../support/app-process';
import { atMost, type ScenarioResult } from './results';
import { median, percentiles, ratio, type Percentiles } from './stats';

export interface StatusBenchOptions {
  lab: LabEndpoints;
  /** Timed runs of each side (default 30), after 3 warm-up runs each. */
  runs?: number;
  log?: (line: string) => void;
}

export interface StatusBenchDetails {
  runs: number;
  endToEnd: Percentiles;
  raw: Percentiles;
  help: Percentiles;
  helpMs: number[];
  bareBolt: Percentiles;
  bareBoltMs: number[];
  endToEndMs: number[];
  rawMs: number[];
  connectorsListed: number;
  /** Mean of the bot's mm2_bot_command_duration_seconds{verb="status"} over the timed runs. */
  ownMeanMs: number;
  ownCount: number;
  replySample: string;
}

const WARM_UP = 3;

/** Sum and count of the bot's own command-duration histogram for one verb, from its /metrics. */
async function ownTime(metricsPort: number, verb: string): Promise<{ sum: number; count: number }> {
  const text = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
  const read = (suffix: string) => {
    const line = text
      .split('\n')
      .find(
        (l) => l.startsWith(`mm2_bot_command_duration_seconds_${suffix}{`) && l.includes(`verb="${verb}"`),
      );
    return line === undefined ? 0 : Number(line.split(' ').at(-1));
  };
  return { sum: read('sum'), count: read('count') };
}
const contentOf = (m: StoredMessage) => JSON.stringify({ text: m.text, blocks: m.blocks });

export async function benchStatus(o: StatusBenchOptions): Promise<ScenarioResult<StatusBenchDetails>> {
  const log = o.log ?? (() => undefined);
  const runs = o.runs ?? 30;
  // The three MM2 connectors running, so the bot renders (and Connect expands) what a user would see.
  await ensureMm2Running(o.lab);
  const standIn = await SlackStandIn.start({
    botToken: TOKENS.bot,
    appToken: TOKENS.app,
    usergroups: { [APPROVER_GROUP]: [USERS.groupApprover] },
  });
  const bareStandIn = await SlackStandIn.start({ botToken: TOKENS.bot, appToken: TOKENS.app });
  let bot: BotProcess | undefined;
  let bare: AppProcess | undefined;
  try {
    bot = await startBotProcess(botEnv(standIn.apiUrl, o.lab));
    await standIn.waitForConnection({ timeoutMs: 30_000 });
    bare = await startAppProcess(
      ['--import', 'tsx', join(__dirname, 'baseline-entry.ts')],
      {
        SLACK_API_URL: bareStandIn.apiUrl,
        SLACK_BOT_TOKEN: TOKENS.bot,
        SLACK_APP_TOKEN: TOKENS.app,
        CONNECT_URL: o.lab.connect,
      },
      /^baseline ready$/,
    );
    await bareStandIn.waitForConnection({ timeoutMs: 30_000 });

    let lastReply = '';
    const endToEnd = async (text = 'status', via = standIn): Promise<number> => {
      const before = new Set(via.allMessages());
      const t = performance.now();
      await via.sendSlashCommand({ text, user_id: USERS.viewer, channel_id: CHANNEL });
      const reply = await via.waitFor(
        () =>
          via
            .allMessages()
            .find(
              (m) =>
                !before.has(m) &&
                (m.visibleTo === undefined || m.visibleTo === USERS.viewer) &&
                !contentOf(m).includes('hourglass'),
            ),
        30_000,
        `the reply to /mm2 ${text}`,
      );
      const ms = performance.now() - t;
      if (text !== 'status' || via !== standIn) return ms;
      lastReply = contentOf(reply);
      if (!/connector|Connect/i.test(lastReply))
        throw new Error(`/mm2 status did not answer with a status: ${lastReply.slice(0, 300)}`);
      return ms;
    };
    let listed = 0;
    const raw = async (): Promise<number> => {
      const t = performance.now();
      const response = await fetch(`${o.lab.connect}/connectors?expand=status&expand=info`);
      if (!response.ok) throw new Error(`GET /connectors: ${response.status}`);
      listed = Object.keys((await response.json()) as object).length;
      return performance.now() - t;
    };

    // `/mm2 help` through the same path measures the floor every command pays without Connect: the
    // envelope, the ack, roles, the audit record and the reply post.
    const help = () => endToEnd('help');
    const bareBolt = () => endToEnd('status', bareStandIn);
    for (let i = 0; i < WARM_UP; i++) {
      await endToEnd();
      await raw();
      await help();
      await bareBolt();
    }
    const endToEndMs: number[] = [];
    const rawMs: number[] = [];
    const helpMs: number[] = [];
    const bareBoltMs: number[] = [];
    const ownBefore = await ownTime(bot.metricsPort, 'status');
    for (let i = 0; i < runs; i++) {
      endToEndMs.push(await endToEnd());
      rawMs.push(await raw());
      helpMs.push(await help());
      bareBoltMs.push(await bareBolt());
    }
    const ownAfter = await ownTime(bot.metricsPort, 'status');
    const ownCount = ownAfter.count - ownBefore.count;
    const ownMeanMs =
      ownCount > 0 ? Math.round(((ownAfter.sum - ownBefore.sum) / ownCount) * 10000) / 10 : NaN;
    const e = median(endToEndMs);
    const r = median(rawMs);
    const h = median(helpMs);
    const b = median(bareBoltMs);
    const rt = ratio(e, r);
    const rawMean = Math.round((rawMs.reduce((a, b) => a + b, 0) / rawMs.length) * 10) / 10;
    log(
      `status: end to end median ${e} ms, raw median ${r} ms, bare Bolt app ${b} ms, help floor ${h} ms (${listed} connectors listed)`,
    );
    const s = `2 /mm2 status (N=${runs} each, alternating)`;
    return {
      name: 'status',
      rows: [
        // The target (issue 15): the bot against the smallest Bolt app that can answer a status, in the
        // same run. The raw Connect call stays as information: no Socket Mode app can reach it.
        {
          scenario: s,
          metric: 'median, bot status vs the bare Bolt app answering with the raw JSON',
          value: e,
          unit: 'ms',
          baseline: b,
          ratio: ratio(e, b),
          target: 'ratio ≤ 1.2',
          met: atMost(1.2, ratio(e, b)),
        },
        {
          scenario: s,
          metric: 'median, end to end vs raw GET /connectors (information)',
          value: e,
          unit: 'ms',
          baseline: r,
          ratio: rt,
        },
        {
          scenario: s,
          metric: 'p95, end to end vs raw',
          value: percentiles(endToEndMs).p95,
          unit: 'ms',
          baseline: percentiles(rawMs).p95,
          ratio: ratio(percentiles(endToEndMs).p95, percentiles(rawMs).p95),
        },
        {
          scenario: s,
          metric: "mean, the bot's own time (its /metrics) vs raw mean",
          value: ownMeanMs,
          unit: 'ms',
          baseline: rawMean,
          ratio: ratio(ownMeanMs, rawMean),
        },
        {
          scenario: s,
          metric: 'median, bare Bolt app answering status with the raw JSON, vs raw',
          value: b,
          unit: 'ms',
          baseline: r,
          ratio: ratio(b, r),
        },
        {
          scenario: s,
          metric: 'median, /mm2 help end to end (Slack floor)',
          value: h,
          unit: 'ms',
        },
        {
          scenario: s,
          metric: 'median, status above the floor vs raw',
          value: Math.round((e - h) * 10) / 10,
          unit: 'ms',
          baseline: r,
          ratio: ratio(e - h, r),
        },
      ],
      details: {
        runs,
        help: percentiles(helpMs),
        bareBolt: percentiles(bareBoltMs),
        bareBoltMs: bareBoltMs.map((x) => Math.round(x * 10) / 10),
        helpMs: helpMs.map((x) => Math.round(x * 10) / 10),
        endToEnd: percentiles(endToEndMs),
        raw: percentiles(rawMs),
        endToEndMs: endToEndMs.map((x) => Math.round(x * 10) / 10),
        rawMs: rawMs.map((x) => Math.round(x * 10) / 10),
        connectorsListed: listed,
        ownMeanMs,
        ownCount,
        replySample: lastReply.slice(0, 500),
      },
    };
  } finally {
    await bot?.stop();
    await bare?.stop();
    await standIn.stop();
    await bareStandIn.stop();
  }
}
