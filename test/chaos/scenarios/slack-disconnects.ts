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

/** When a fault hit which connection. */
interface FaultHit {
  fault: Fault;
  connectionId: number;
  at: number;
}

/** Slack's ack deadline: an envelope older than this at the fault had already timed out anyway. */
const ACK_DEADLINE_MS = 3000;

/**
 * Sorts the slash commands that got no ack: delivered to the faulted connection before the fault and
 * within the ack deadline of it (socket-mode 3 closes the socket as soon as the disconnect frame
 * arrives and refuses the ack that was still on its way; a dropped socket loses it too), or anything
 * else, which is a real loss.
 */
function classifyUnacked(
  standIn: SlackStandIn,
  hits: FaultHit[],
): { inFaultInstant: { fault: Fault; beforeFaultMs: number }[]; otherwise: string[] } {
  const inFaultInstant: { fault: Fault; beforeFaultMs: number }[] = [];
  const otherwise: string[] = [];
  for (const e of standIn.envelopes().filter((x) => x.type === 'slash_commands' && !x.ack)) {
    const hit = hits.find(
      (f) => f.connectionId === e.connectionId && e.sentAt <= f.at && f.at - e.sentAt < ACK_DEADLINE_MS,
    );
    if (hit) inFaultInstant.push({ fault: hit.fault, beforeFaultMs: hit.at - e.sentAt });
    else
      otherwise.push(
        `${e.envelopeId} on connection ${e.connectionId} at ${new Date(e.sentAt).toISOString().slice(11, 23)}`,
      );
  }
  return { inFaultInstant, otherwise };
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
  name: 'Slack disconnects and drops, two replicas: no command lost silently',
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
    const hits: FaultHit[] = [];
    for (const fault of faults) {
      const [first] = h.standIn.openConnectionIds();
      const before = h.standIn.connectionCount;
      hits.push({ fault, connectionId: first!, at: Date.now() });
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
    const { inFaultInstant, otherwise } = classifyUnacked(h.standIn, hits);
    const { pass, failed } = verdict({
      // Every command not caught in a fault's instant is answered; the stand-in never routes to a
      // connection after its disconnect frame, so nothing else may go unacked.
      noneLostOutsideTheFaultInstant: otherwise.length === 0,
      unansweredAreTheUnacked: unanswered.length === inFaultInstant.length + otherwise.length,
      someSent: sent >= 10,
    });
    return {
      expected:
        "every command is answered by one replica, except one delivered to a connection in the instant it was dropped or sent a disconnect frame, before its ack left (the user then sees Slack's operation_timeout; Slack does not retry slash commands)",
      observed: `${failed.length ? `FAILED ${failed.join(', ')}; ` : ''}${answered}/${sent} answered through ${faults.join(', ')}; unacked in a fault's instant: ${inFaultInstant.length ? inFaultInstant.map((u) => `${u.fault} (delivered ${u.beforeFaultMs} ms before)`).join(', ') : 'none'}`,
      lost:
        otherwise.length === 0
          ? inFaultInstant.length === 0
            ? 'nothing'
            : `nothing silently: ${inFaultInstant.length} command(s) caught in a fault's instant, shown to the user as operation_timeout by Slack`
          : `${otherwise.length} commands outside any fault's instant: ${otherwise.join(', ')}`,
      toldTruth: otherwise.length === 0,
      pass,
      details: { sent, answered, unanswered, faults, hits, inFaultInstant, otherwise },
    };
  },
};
