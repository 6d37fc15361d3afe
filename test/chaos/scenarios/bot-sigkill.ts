// The bot SIGKILLed (no drain, no goodbye) while a request waits for approval, and while an approved
// deploy is applying; then started again on the same state. Nothing is lost, nothing runs twice, and the
// channel learns what happened to the interrupted run.
import { USERS } from '../../integration/ops/ops-harness';
import type { ChaosContext, ChaosScenario } from '../chaos-types';
import {
  deployAudit,
  clickApprove,
  connectorsNamed,
  executions,
  HOLD_CONNECT_MS,
  outcomeOf,
  requestApprovedDeploy,
  requestDeploy,
  textOf,
  verdict,
  waitForApplied,
} from '../chaos-helpers';
import { withProxy } from '../tcp-proxy';

export const sigkillMidApproval: ChaosScenario = {
  name: 'bot SIGKILL while a request waits for approval, then restart',
  inShortRun: true,
  async run({ h, lab }: ChaosContext) {
    const { p, env, bot: first, request } = await requestDeploy(h, 'ka');
    await first.stop('SIGKILL');
    await h.startBot(env);
    await clickApprove(h, request, USERS.approver1);
    const outcome = await outcomeOf(h, request, 150000);
    const deployed = await connectorsNamed(lab.connect, `${p.name}-`);
    const audit = await deployAudit(env.MM2_STATE!, lab.aws);
    await h.stopBots();
    const approvals = audit.filter((r) => r.outcome === 'approved').length;
    const { pass, failed } = verdict({
      requestSurvived: outcome !== undefined && /, done/.test(outcome.text),
      oneRequestRecord: audit.filter((r) => r.outcome === 'requested').length === 1,
      oneApproval: approvals === 1,
      oneExecution: executions(audit) === 1,
      allConnectors: deployed.length === p.connectors.length,
    });
    return {
      expected: 'the pending request survives the kill; approved after restart it runs once',
      observed: `${failed.length ? `FAILED ${failed.join(', ')}; ` : ''}outcome: ${outcome?.text.slice(0, 100) ?? 'none'}; audit: ${audit.map((r) => r.outcome).join(',')}`,
      lost: pass ? 'nothing' : `audit ${audit.map((r) => r.outcome).join(',')}`,
      toldTruth: outcome !== undefined && /, done/.test(outcome.text) === (deployed.length === 3),
      pass,
      details: { audit: audit.map((r) => r.outcome), deployed },
    };
  },
};

export const sigkillMidDeploy: ChaosScenario = {
  name: 'bot SIGKILL while an approved deploy applies, then restart',
  inShortRun: false,
  async run({ h, lab, log }: ChaosContext) {
    // The bot reaches Connect through a proxy that, once the deploy writes, holds each call: the kill
    // lands after the first connector is written and while the second write is held (never sent).
    return withProxy(lab.connect, async (proxy) => {
      const {
        p,
        env,
        bot: first,
        request,
      } = await requestApprovedDeploy(h, 'kd', { CONNECT_URL: proxy.url });
      proxy.setMode({ kind: 'delay', ms: HOLD_CONNECT_MS });
      await waitForApplied(h, request, 1);
      const killAt = Date.now();
      await first.stop('SIGKILL');
      const killMs = Date.now() - killAt;
      proxy.setMode({ kind: 'pass' });
      const atKill = await connectorsNamed(lab.connect, `${p.name}-`);
      await h.startBot(env);
      log('killed mid-deploy; waiting for the restarted bot to settle the run (up to 5 min)');
      const outcome = await outcomeOf(h, request, 300000);
      const after = await connectorsNamed(lab.connect, `${p.name}-`);
      const audit = await deployAudit(env.MM2_STATE!, lab.aws);
      // A second deploy: a fresh request (the rest is still to apply); never a re-run of the first.
      const again = await h.command('deploy all', USERS.operator, 60000);
      await h.stopBots();
      const said = outcome ? textOf(outcome) : '';
      const { pass, failed } = verdict({
        killedMidDeploy: atKill.length === 1,
        channelToldOutcome: outcome !== undefined,
        saysInterruptedOrApplied: outcome === undefined || /Applied|interrupted|done/i.test(said),
        notReRun: executions(audit) <= 1 && after.length === atKill.length,
        oneApproval: audit.filter((r) => r.outcome === 'approved').length === 1,
      });
      return {
        expected:
          'killed between two connector writes: the restarted bot marks the run interrupted (pointing to /mm2 status), never re-runs it',
        observed: `${failed.length ? `FAILED ${failed.join(', ')}; ` : ''}at kill ${atKill.length} connectors, after ${after.length}; message: ${outcome?.text.slice(0, 120) ?? 'none in 5 min'}; next deploy: ${again.text.slice(0, 80)}`,
        lost: audit.some((r) => r.outcome === 'approved') ? 'nothing' : 'the approval record',
        toldTruth: outcome !== undefined && !(/, done/.test(outcome.text) && after.length < 3),
        pass,
        details: { killMs, atKill, after, audit: audit.map((r) => r.outcome), said: said.slice(0, 600) },
      };
    });
  },
};
