// Fuzz through the real bot: generated command lines (mentions, links, binary, huge, seeded secrets)
// and interactive payloads (forged button values, clicks by people without the role, a click whose value
// names another request, replayed clicks on a decided request, a click on an expired request).
// 0 crashes, 0 fuzz mentions reaching Slack unescaped, 0 seeded secrets in any byte the bot sends or logs,
// and no forged or replayed click changes anything.
import { randomUUID } from 'node:crypto';
import { CHANNEL, USERS } from '../../integration/ops/ops-harness';
import type { ChaosContext, ChaosScenario } from '../chaos-types';
import {
  deployAudit,
  connectorStatus,
  executions,
  hasButtons,
  requestDeploy,
  outcomeOf,
  sleep,
  verdict,
} from '../chaos-helpers';
import { commandLines, forgedValues, isFuzzMention } from '../fuzz-inputs';
import { APPROVE } from '../../integration/ops/ops-harness';

const REJECT = 'mm2_approval_reject';
const CLICKERS = [USERS.viewer, USERS.operator, 'U0NOBODY', 'UFUZZ02', USERS.approver1, USERS.approver2];

async function inBatches<T>(items: T[], width: number, each: (item: T) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += width) await Promise.all(items.slice(i, i + width).map(each));
}

export const fuzz: ChaosScenario = {
  name: 'fuzz: command lines and interactive payloads',
  inShortRun: true,
  async run({ h, lab, log, short }: ChaosContext) {
    const seed = `S33ded${randomUUID().replace(/-/g, '')}`;
    const connectionsBefore = h.standIn.connectionCount;
    const { p, env, bot, request } = await requestDeploy(
      h,
      'fz',
      short ? {} : { MM2_APPROVAL_TTL_MINUTES: '1' },
    );
    const ackFailures: string[] = [];
    const send = (text: string, user: string) =>
      h.standIn
        .sendSlashCommand({ text, user_id: user, channel_id: CHANNEL, timeoutMs: 3000 })
        .then(() => undefined)
        .catch(
          (e: Error) =>
            void ackFailures.push(`${JSON.stringify(text.slice(0, 40))}: ${e.message.slice(0, 60)}`),
        );
    const click = (ts: string, action: string, user: string, value?: string) =>
      h.standIn
        .clickButton({
          message: { channel: CHANNEL, ts },
          action_id: action,
          user_id: user,
          ...(value !== undefined ? { value } : {}),
          timeoutMs: 3000,
          stale: true,
        })
        .then(() => undefined)
        .catch((e: Error) => void ackFailures.push(`click ${action}: ${e.message.slice(0, 60)}`));

    // 1. A real request, then forged clicks on it while it is pending.
    const realId = /"value":"([^"]+)"/.exec(JSON.stringify(request.blocks))?.[1] ?? '';
    const nClicks = short ? 60 : 300;
    const forged = forgedValues(nClicks, [realId]);
    await inBatches(
      forged.map((value, i) => ({ value, i })),
      4,
      ({ value, i }) =>
        click(request.ts, i % 3 === 0 ? REJECT : APPROVE, CLICKERS[i % CLICKERS.length]!, value),
    );
    // Clicks with the real value by people who may not approve (the requester, a viewer, nobody).
    await inBatches([USERS.operator, USERS.viewer, 'U0NOBODY'], 3, (u) => click(request.ts, APPROVE, u));
    const stillPending = hasButtons(h.standIn.message(CHANNEL, request.ts));
    const deployedBeforeApproval = (await connectorStatus(lab.connect, `${p.name}-source`)) !== undefined;
    log(`fuzz: ${nClicks} forged clicks sent; request still pending: ${stillPending}`);

    // 2. The legitimate approval, then replayed clicks (same and other approvers, both buttons).
    await click(request.ts, APPROVE, USERS.approver1);
    const outcome = await outcomeOf(h, request, 150000);
    await inBatches(
      Array.from({ length: short ? 20 : 60 }, (_, i) => i),
      4,
      (i) => click(request.ts, i % 2 ? REJECT : APPROVE, i % 3 ? USERS.approver2 : USERS.approver1),
    );

    // 3. A second request (pause) that is left to expire (full run: TTL 1 min), then clicked.
    let expiredClick = 'not run (short run)';
    let pauseRequestTs: string | undefined;
    if (!short) {
      const pause = await h.command('pause all', USERS.operator, 60000);
      pauseRequestTs = hasButtons(pause) ? pause.ts : undefined;
      expiredClick = pauseRequestTs ? 'pending' : `no request: ${pause.text.slice(0, 60)}`;
    }
    const pauseAt = Date.now();

    // 4. Command lines.
    const lines = commandLines(short ? 150 : 1000, seed);
    const users = [USERS.viewer, USERS.operator, USERS.approver1, 'U0NOBODY'];
    await inBatches(
      lines.map((text, i) => ({ text, i })),
      4,
      ({ text, i }) => send(text, users[i % users.length]!),
    );
    log(`fuzz: ${lines.length} command lines sent, ${ackFailures.length} ack failures so far`);

    if (pauseRequestTs) {
      const wait = 130000 - (Date.now() - pauseAt);
      if (wait > 0) await sleep(wait);
      await click(pauseRequestTs, APPROVE, USERS.operator);
      await sleep(5000);
      const st = await connectorStatus(lab.connect, `${p.name}-source`);
      expiredClick =
        st?.connector.state === 'PAUSED' ? 'EXECUTED after expiry' : `refused (${st?.connector.state})`;
    }

    // The bot is still there and answering.
    const alive = bot.child.exitCode === null && bot.child.signalCode === null;
    const helpAfter = await h.command('help', USERS.viewer, 15000).catch(() => undefined);
    await sleep(2000);
    const logLines = bot.lines;
    // Connections the bot opened in all (1: it never lost its socket) and what its socket client said:
    // an input the stand-in could not deliver (EPIPE) is one sent while the socket was going away.
    const connections = h.standIn.connectionCount - connectionsBefore;
    const socketLines = logLines.filter((l) => /pong|ping wasn't|reconnect|disconnect/i.test(l)).slice(0, 10);
    // What the bot did just before it gave up on its socket (a long synchronous step starves the pong).
    const pongAt = logLines.findIndex((l) => /pong wasn't/.test(l));
    const beforePongTimeout = pongAt < 0 ? [] : logLines.slice(Math.max(0, pongAt - 8), pongAt);
    await h.stopBots();

    const outgoing = [
      ...h.standIn.calls().map((c) => JSON.stringify(c.args)),
      ...h.standIn.postedTexts(),
      ...h.standIn.responseUrlPosts().map((r) => JSON.stringify(r)),
      ...h.standIn.envelopes().map((e) => JSON.stringify(e.ack?.payload ?? {})),
      ...h.standIn.uploadedFiles().map((f) => f.bytes.toString('utf8')),
    ];
    const leakedOut = outgoing.filter((t) => t.includes(seed));
    const leakedLog = logLines.filter((l) => l.includes(seed));
    const mentions = h.standIn.mentionsPosted().filter((m) => isFuzzMention(m.mention));
    const audit = await deployAudit(env.MM2_STATE!, lab.aws);
    const { pass, failed } = verdict({
      noCrash: alive && helpAfter !== undefined,
      everyInputAcked: ackFailures.length === 0,
      noFuzzMentions: mentions.length === 0,
      noSecretOut: leakedOut.length === 0,
      noSecretInLogs: leakedLog.length === 0,
      forgedClicksChangedNothing: stillPending && !deployedBeforeApproval,
      approvedOnceRanOnce:
        audit.filter((r) => r.outcome === 'approved').length === 1 && executions(audit) === 1,
      outcomeDone: outcome !== undefined && /, done/.test(outcome.text),
      expiredRefused: short || expiredClick.startsWith('refused'),
    });
    return {
      expected:
        '0 crashes, 0 fuzz mentions, 0 seeded secrets out or in logs; forged/foreign/replayed/expired clicks change nothing',
      observed: `${failed.length ? `FAILED ${failed.join(', ')}; ` : ''}${lines.length} lines + ${nClicks + 3 + (short ? 20 : 60)} clicks; ack failures ${ackFailures.length}; mentions ${mentions.length}; secret in ${leakedOut.length} outgoing / ${leakedLog.length} log lines; expired click: ${expiredClick}; alive ${alive}; bot connections ${connections}`,
      lost: executions(audit) <= 1 ? 'nothing' : `${executions(audit)} executions of one approval`,
      toldTruth: mentions.length === 0,
      pass,
      details: {
        ackFailures: ackFailures.slice(0, 20),
        mentions: mentions.slice(0, 10),
        leakedOut: leakedOut.slice(0, 5).map((t) => t.slice(0, 300)),
        leakedLog: leakedLog.slice(0, 5).map((t) => t.slice(0, 300)),
        audit: audit.map((r) => r.outcome),
        connections,
        socketLines: socketLines.map((l) => l.slice(0, 300)),
        beforePongTimeout: beforePongTimeout.map((l) => l.slice(0, 300)),
      },
    };
  },
};
