// Slack's `disconnect` frames and a dropped socket, against the real socket client in the bot. One
// replica: how long the bot has no connection (Slack answers dispatch_failed meanwhile, so the user is
// told). Two replicas: the fault hits one connection at a time and every command still gets its answer.
import type { BotProcess } from '../../integration/bot/bot-process';
import { CHANNEL, USERS } from '../../integration/ops/ops-harness';
import type { SlackStandIn } from '../../slack-standin/slack-stand-in';
import type { ChaosContext, ChaosScenario } from '../chaos-types';
import { sleep, verdict } from '../chaos-helpers';

type Fault = 'warning' | 'refresh_requested' | 'link_disabled' | 'dropped socket';
const FAULTS: Fault[] = ['warning', 'refresh_requested', 'link_disabled', 'dropped socket'];

async function inject(standIn: SlackStandIn, fault: Fault, connectionId?: number): Promise<void> {
  if (fault === 'dropped socket') standIn.dropSocket(connectionId);
  else await standIn.disconnect(fault, connectionId);
}

async function healthz(bot: BotProcess): Promise<number> {
  const res = await fetch(`http://127.0.0.1:${bot.metricsPort}/healthz`).catch(() => undefined);
  return res?.status ?? 0;
}

/** `/mm2 help` as `user`: true when acked and answered (help's answer rides on the ack). */
async function helpAnswered(standIn: SlackStandIn, user: string): Promise<boolean> {
  try {
    const ack = await standIn.sendSlashCommand({ text: 'help', user_id: user, channel_id: CHANNEL });
    return JSON.stringify(ack.payload ?? {}).includes('/mm2 status');
  } catch {
    return false;
  }
}

export const disconnectsOneReplica: ChaosScenario = {
  name: 'Slack disconnect frames and a dropped socket, one replica',
  inShortRun: true,
  async run({ h, log }: ChaosContext) {
    const bot = await h.startBot(h.env({}));
    const gaps: Record<string, number> = {};
    const healthDuringGap: Record<string, number> = {};
    const answeredAfter: Record<string, boolean> = {};
    for (const fault of FAULTS) {
      const before = h.standIn.connectionCount;
      const t0 = Date.now();
      await inject(h.standIn, fault);
      // /healthz while the socket is gone (the stand-in has already forgotten it).
      await sleep(300);
      healthDuringGap[fault] = h.standIn.openConnections === 0 ? await healthz(bot) : -1;
      await h.standIn.waitForConnection({ minCount: before + 1, timeoutMs: 30000 });
      gaps[fault] = Date.now() - t0;
      answeredAfter[fault] = await helpAnswered(h.standIn, USERS.viewer);
      log(`${fault}: ${gaps[fault]} ms without a connection`);
    }
    await h.stopBots();
    const { pass, failed } = verdict({
      reconnected: Object.keys(gaps).length === FAULTS.length,
      answersAfterEach: Object.values(answeredAfter).every(Boolean),
      healthzSays503WhileDown: Object.values(healthDuringGap).every((s) => s === 503 || s === -1),
    });
    return {
      expected:
        'reconnects after every frame and a drop; /healthz 503 while no socket; next command answered',
      observed: `${failed.length ? `FAILED ${failed.join(', ')}; ` : ''}without a connection: ${FAULTS.map((f) => `${f} ${gaps[f]} ms`).join(', ')}; /healthz during the gap: ${FAULTS.map((f) => `${f} ${healthDuringGap[f]}`).join(', ')}`,
      lost: 'nothing (commands in the gap are refused by Slack with dispatch_failed, the user sees it)',
      toldTruth: Object.values(healthDuringGap).every((s) => s === 503 || s === -1),
      pass,
      details: { gapsMs: gaps, healthDuringGap, answeredAfter },
    };
  },
};

export const disconnectsTwoReplicas: ChaosScenario = {
  name: 'Slack disconnects and drops, two replicas: no command lost',
  inShortRun: true,
  async run({ h, log, short }: ChaosContext) {
    const env = h.env({});
    await h.startBot(env);
    await h.startBot(env);
    let sent = 0;
    let answered = 0;
    const unanswered: string[] = [];
    let stop = false;
    const users = [USERS.viewer, USERS.operator, USERS.approver1, USERS.approver2];
    // Commands one after the other, all through the faults below.
    const driver = (async () => {
      while (!stop) {
        const user = users[sent % users.length]!;
        sent += 1;
        if (await helpAnswered(h.standIn, user)) answered += 1;
        else unanswered.push(`#${sent} ${new Date().toISOString().slice(11, 23)}`);
        await sleep(150);
      }
    })();
    const faults = short ? (['refresh_requested', 'dropped socket'] as Fault[]) : FAULTS;
    for (const fault of faults) {
      const [first] = h.standIn.openConnectionIds();
      const before = h.standIn.connectionCount;
      await inject(h.standIn, fault, first);
      await h.standIn.waitForConnection({ minCount: before + 1, timeoutMs: 30000 });
      // Both replicas connected again before the next fault.
      await h.standIn.waitFor(() => h.standIn.openConnections >= 2, 30000, 'both replicas connected');
      log(`two replicas, ${fault}: ${answered}/${sent} answered so far`);
    }
    await sleep(1000);
    stop = true;
    await driver;
    await h.stopBots();
    const { pass, failed } = verdict({ noneLost: unanswered.length === 0, someSent: sent >= 10 });
    return {
      expected: 'every command sent during the faults is acked and answered by one replica',
      observed: `${failed.length ? `FAILED ${failed.join(', ')}; ` : ''}${answered}/${sent} answered through ${faults.join(', ')}`,
      lost: unanswered.length === 0 ? 'nothing' : `${unanswered.length} commands: ${unanswered.join(', ')}`,
      toldTruth: true,
      pass,
      details: { sent, answered, unanswered, faults },
    };
  },
};
