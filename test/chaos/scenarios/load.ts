// Load: 50 distinct users issue a mix of commands at Slack's documented per-app delivery rate for the
// Events API (30,000 per workspace per app per hour, about 8 a second), open loop (a slow bot does not
// slow the senders down). Reported: ack p99, errors (no ack, ack over 3 s, a Web API call refused for a
// reason other than rate limiting, an error log line), RSS growth of the bot process.
import { USERS } from '../../integration/ops/ops-harness';
import { CHANNEL } from '../../integration/ops/ops-harness';
import { procMemory } from '../../bench/proc-memory';
import { percentiles } from '../../bench/stats';
import type { ChaosContext, ChaosScenario } from '../chaos-types';
import { sleep, verdict } from '../chaos-helpers';

const PER_HOUR = 30_000;
const USERS_N = 50;
const loadUsers = Array.from({ length: USERS_N }, (_, i) => `U0LOAD${String(i).padStart(2, '0')}`);
/** The mix, by weight: mostly quick reads, some Connect and Kafka reads, a few mistakes. */
const MIX: Array<[string, number]> = [
  ['help', 35],
  ['status', 20],
  ['audit 5', 15],
  ['lag .*', 10],
  ['config', 5],
  ['stauts', 5],
  ['deploy all', 5],
  ['offsets', 5],
];

function pick(i: number): string {
  const total = MIX.reduce((a, [, w]) => a + w, 0);
  // A fixed walk through the mix (no randomness: two runs send the same commands).
  let at = (i * 7919) % total;
  for (const [text, w] of MIX) {
    if (at < w) return text;
    at -= w;
  }
  return 'help';
}

export const load: ChaosScenario = {
  name: 'load: 50 users at the per-app rate',
  inShortRun: true,
  async run({ h, log, short }: ChaosContext) {
    const minutes = short ? 0.5 : 10;
    const env = h.env({
      MM2_ROLES: JSON.stringify({
        viewer: [USERS.viewer, ...loadUsers],
        operator: [USERS.operator],
        // No user group: the stand-in's workspace has none, and a failing lookup would count as an error.
        approver: [USERS.approver1, USERS.approver2],
      }),
    });
    const bot = await h.startBot(env);
    const logBefore = bot.lines.length;
    // Warm-up: one of each command, then the baseline RSS.
    for (const [text] of MIX)
      await h.standIn
        .sendSlashCommand({ text, user_id: loadUsers[0]!, channel_id: CHANNEL })
        .catch(() => undefined);
    await sleep(3000);
    const rssStart = procMemory(bot.pid).rssMb;
    const callsBefore = h.standIn.calls().length;
    const intervalMs = 3_600_000 / PER_HOUR;
    const total = Math.floor((minutes * 60_000) / intervalMs);
    const acks: number[] = [];
    const failures: string[] = [];
    const inFlight: Array<Promise<void>> = [];
    const t0 = Date.now();
    let rssPeak = rssStart;
    for (let i = 0; i < total; i++) {
      const due = t0 + i * intervalMs;
      const wait = due - Date.now();
      if (wait > 0) await sleep(wait);
      const text = pick(i);
      const user = loadUsers[i % USERS_N]!;
      inFlight.push(
        h.standIn
          .sendSlashCommand({ text, user_id: user, channel_id: CHANNEL, timeoutMs: 3000 })
          .then((ack) => void acks.push(ack.ackLatencyMs))
          .catch((e: Error) => void failures.push(`${text}: ${e.message.slice(0, 80)}`)),
      );
      if (i % 200 === 0) {
        rssPeak = Math.max(rssPeak, procMemory(bot.pid).rssMb);
        log(`load: ${i}/${total} sent, RSS ${procMemory(bot.pid).rssMb} MB`);
      }
    }
    await Promise.all(inFlight);
    await sleep(5000);
    const rssEnd = procMemory(bot.pid).rssMb;
    const refused = h.standIn
      .calls()
      .slice(callsBefore)
      .filter((c) => c.status !== 429 && (c.result as { ok?: boolean }).ok === false)
      .map((c) => `${c.method}: ${(c.result as { error?: string }).error}`);
    const errorLines = bot.lines.slice(logBefore).filter((l) => /"level":(50|60)/.test(l));
    await h.stopBots();
    const p = percentiles(acks);
    const growth = Math.round((rssEnd - rssStart) * 10) / 10;
    const errors = failures.length + refused.length + errorLines.length;
    const { pass, failed } = verdict({
      everyCommandAcked: failures.length === 0,
      ackP99Under3s: p.p99 < 3000,
      noRefusedCalls: refused.length === 0,
      noErrorLogLines: errorLines.length === 0,
      // Growth over the run is bounded (a leak grows with the number of commands).
      rssGrowthUnder64Mb: growth < 64,
    });
    return {
      expected: `${total} commands over ${minutes} min from ${USERS_N} users: all acked, p99 < 3 s, no errors, bounded RSS`,
      observed: `${failed.length ? `FAILED ${failed.join(', ')}; ` : ''}${acks.length}/${total} acked, ack p50 ${p.p50} / p99 ${p.p99} ms, ${errors} errors, RSS ${rssStart} -> ${rssEnd} MB (peak ${rssPeak})`,
      lost: failures.length === 0 ? 'nothing' : `${failures.length} commands not acked`,
      toldTruth: refused.length === 0,
      pass,
      details: {
        total,
        ack: p,
        failures: failures.slice(0, 20),
        refused: refused.slice(0, 20),
        errorLines: errorLines.slice(0, 10),
        rssStart,
        rssEnd,
        rssPeak,
        growth,
      },
    };
  },
};
