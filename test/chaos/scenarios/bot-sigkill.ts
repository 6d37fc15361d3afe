// The bot SIGKILLed (no drain, no goodbye) while a request waits for approval, and while an approved
// deploy is applying; then started again on the same state. Nothing is lost, nothing runs twice, and the
// channel learns what happened to the interrupted run.
import { USERS } from '../../integration/ops/ops-harness';
import type { ChaosContext, ChaosScenario } from '../chaos-types';
import {
  auditTrail,
  clickApprove,
  connectorsNamed,
  executions,
  freshProfile,
  hasButtons,
  outcomeOf,
  textOf,
  verdict,
} from '../chaos-helpers';

export const sigkillMidApproval: ChaosScenario = {
  name: 'bot SIGKILL while a request waits for approval, then restart',
  inShortRun: true,
  async run({ h, lab }: ChaosContext) {
    const p = await freshProfile(h, 'ka');
    const env = h.env({ MM2_PROFILE: p.profile });
    const first = await h.startBot(env);
    const request = await h.command('deploy all', USERS.operator, 60000);
    if (!hasButtons(request)) throw new Error(`no approval request: ${textOf(request).slice(0, 300)}`);
    await first.stop('SIGKILL');
    await h.startBot(env);
    await clickApprove(h, request, USERS.approver1);
    const outcome = await outcomeOf(h, request, 150000);
    const deployed = await connectorsNamed(lab.connect, `${p.name}-`);
    const audit = (await auditTrail(env.MM2_STATE!, lab.aws)).filter((r) => r.command === 'deploy');
    await h.stopBots();
    const approvals = audit.filter((r) => r.outcome === 'approved').length;
    const { pass, failed } = verdict({
      requestSurvived: outcome !== undefined && /, done/.test(outcome.text),
      oneRequestRecord: audit.filter((r) => r.outcome === 'requested').length <= 1,
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
    const p = await freshProfile(h, 'kd');
    const env = h.env({ MM2_PROFILE: p.profile });
    const first = await h.startBot(env);
    const request = await h.command('deploy all', USERS.operator, 60000);
    if (!hasButtons(request)) throw new Error(`no approval request: ${textOf(request).slice(0, 300)}`);
    await clickApprove(h, request, USERS.approver1);
    await h.standIn.waitFor(
      () => /Applying/.test(textOf(h.standIn.message(request.channel, request.ts))),
      60000,
      'the deploy to start applying',
    );
    await first.stop('SIGKILL');
    const atKill = await connectorsNamed(lab.connect, `${p.name}-`);
    await h.startBot(env);
    log('killed mid-deploy; waiting for the restarted bot to settle the run (up to 5 min)');
    const outcome = await outcomeOf(h, request, 300000);
    const after = await connectorsNamed(lab.connect, `${p.name}-`);
    const audit = (await auditTrail(env.MM2_STATE!, lab.aws)).filter((r) => r.command === 'deploy');
    // A second deploy: either "no change" (the first got through) or a fresh request; never a re-run.
    const again = await h.command('deploy all', USERS.operator, 60000);
    await h.stopBots();
    const said = outcome ? textOf(outcome) : '';
    const { pass, failed } = verdict({
      channelToldOutcome: outcome !== undefined,
      saysWhatWasApplied: outcome === undefined || /Applied|interrupted|done/i.test(said),
      notReRun: executions(audit) <= 1,
      oneApproval: audit.filter((r) => r.outcome === 'approved').length === 1,
    });
    return {
      expected: 'restarted bot marks the run interrupted (or done), says what was applied, never re-runs it',
      observed: `${failed.length ? `FAILED ${failed.join(', ')}; ` : ''}at kill ${atKill.length} connectors, after ${after.length}; message: ${outcome?.text.slice(0, 120) ?? 'none in 5 min'}; next deploy: ${again.text.slice(0, 80)}`,
      lost: audit.some((r) => r.outcome === 'approved') ? 'nothing' : 'the approval record',
      toldTruth: outcome !== undefined && !(/, done/.test(outcome.text) && after.length < 3),
      pass,
      details: { atKill, after, audit: audit.map((r) => r.outcome), said: said.slice(0, 600) },
    };
  },
};
