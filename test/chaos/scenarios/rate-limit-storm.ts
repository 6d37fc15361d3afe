// A 429 storm on chat.postMessage and chat.update (the stand-in answers 429 with Retry-After) hits
// while an approved deploy runs. Progress is best-effort: the deploy is applied in full, once, and its
// outcome still reaches the channel.
import { USERS } from '../../integration/ops/ops-harness';
import type { ChaosContext, ChaosScenario } from '../chaos-types';
import {
  deployAudit,
  clickApprove,
  connectorStatus,
  executions,
  outcomeOf,
  requestDeploy,
  verdict,
} from '../chaos-helpers';

const STORM = 15;

export const rateLimitStorm: ChaosScenario = {
  name: '429 storm on chat.postMessage and chat.update during an approved deploy',
  inShortRun: true,
  async run({ h, lab }: ChaosContext) {
    const { p, env, request } = await requestDeploy(h, 'rl');
    for (const method of ['chat.postMessage', 'chat.update'])
      h.standIn.failNext(method, { retryAfterSec: 1 }, STORM);
    await clickApprove(h, request, USERS.approver1);
    const outcome = await outcomeOf(h, request, 180000);
    // The outcome may have gone by another route (a new message) when the original could not be edited.
    const anyOutcome =
      outcome ??
      h.standIn
        .messagesIn(request.channel)
        .find((m) => m.ts !== request.ts && /, (done|failed)/.test(m.text));
    const states = await Promise.all(p.connectors.map((c) => connectorStatus(lab.connect, c)));
    const running = states.filter((s) => s?.connector.state === 'RUNNING').length;
    const audit = await deployAudit(env.MM2_STATE!, lab.aws);
    const rateLimited = h.standIn.calls().filter((c) => c.status === 429).length;
    await h.stopBots();
    const { pass, failed } = verdict({
      allConnectorsRunning: running === p.connectors.length,
      outcomeReachedChannel: anyOutcome !== undefined && /, done/.test(anyOutcome.text),
      oneApproval: audit.filter((r) => r.outcome === 'approved').length === 1,
      oneExecution: executions(audit) === 1,
    });
    return {
      expected: `${STORM} 429s on each method: deploy applied in full once, outcome 'done' reaches the channel`,
      observed: `${failed.length ? `FAILED ${failed.join(', ')}; ` : ''}${rateLimited} calls answered 429; ${running}/${p.connectors.length} connectors RUNNING; outcome: ${anyOutcome ? anyOutcome.text.slice(0, 120) : 'none within 180 s'}`,
      lost: executions(audit) === 1 ? 'nothing' : 'the execution record',
      toldTruth:
        anyOutcome !== undefined && /, done/.test(anyOutcome.text) === (running === p.connectors.length),
      pass,
      details: { rateLimited, running, audit: audit.map((r) => r.outcome) },
    };
  },
};
