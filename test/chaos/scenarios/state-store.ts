// The S3 state store (moto) under two replicas and when it hangs. Two replicas share one prefix: three
// Approve clicks spread over both run the deploy once, and each report slot is posted once. A store that
// accepts connections and never answers (a loopback proxy that holds every byte) must not hang the bot:
// its timeouts fire and the user is told.
import { randomUUID } from 'node:crypto';
import { USERS, CHANNEL } from '../../integration/ops/ops-harness';
import type { ChaosContext, ChaosScenario } from '../chaos-types';
import {
  deployAudit,
  clickApprove,
  executions,
  outcomeOf,
  requestDeploy,
  sleep,
  textOf,
  verdict,
  within,
} from '../chaos-helpers';
import { withProxy } from '../tcp-proxy';

const BUCKET = 'mm2-chatops-lab';
/** The hang scenario's AWS budget per call (MM2_AWS_TIMEOUT_SECONDS): short, so its bound stays short. */
const HANG_AWS_TIMEOUT_S = 3;
/** Attempts per AWS call (maxAttempts in bot/wiring/aws-settings.ts): each may take the whole budget. */
const AWS_ATTEMPTS = 2;
/**
 * Store calls one after the other on the slowest path, audit: the command's own record (its commit
 * window), the flush in recent(), the day list, one more (a day's list) as headroom; a deploy request
 * makes fewer. Measured with 10 s budgets before: audit 61.6 s (3 calls), deploy 40.6 s (2 calls).
 */
const SEQUENTIAL_STORE_CALLS = 4;
/** Time the loaded machine adds (other suites run alongside); a bound that flakes is a defect. */
const LOAD_MARGIN_MS = 15000;
/** The user must hear that the store is unreachable within this: 4 x 2 x 3 s + 15 s = 39 s. */
const HANG_BOUND_MS = SEQUENTIAL_STORE_CALLS * AWS_ATTEMPTS * HANG_AWS_TIMEOUT_S * 1000 + LOAD_MARGIN_MS;
/** The slot a scheduled report is for, from its first block (as the reports test reads it). */
const SLOT = /Scheduled lag report (?:for|due) (\d{4}-\d\d-\d\dT[\d:.]+Z)/;

export const twoReplicasOnS3: ChaosScenario = {
  name: 'two replicas on one S3 state store: racing approvals and report slots',
  inShortRun: true,
  async run({ h, lab, short }: ChaosContext) {
    const state = `s3://${BUCKET}/chaos-${randomUUID().slice(0, 8)}`;
    const scheduleId = `chaos-${randomUUID().slice(0, 4)}`;
    const startedAt = Date.now();
    const before = new Set(h.standIn.messagesIn(CHANNEL));
    const { env, request } = await requestDeploy(h, 's3', {
      MM2_STATE: state,
      MM2_REPORT_SCHEDULES: JSON.stringify([
        { id: scheduleId, cron: '*/5 * * * * *', timezone: 'UTC', channel: CHANNEL },
      ]),
    });
    await h.startBot(env);
    // Three clicks at once: the stand-in sends them round-robin, so both replicas get at least one.
    await Promise.all([
      clickApprove(h, request, USERS.approver1),
      clickApprove(h, request, USERS.approver2),
      clickApprove(h, request, USERS.approver1),
    ]);
    const outcome = await outcomeOf(h, request, 150000);
    const waitMore = (short ? 20000 : 40000) - (Date.now() - startedAt);
    if (waitMore > 0) await sleep(waitMore);
    await h.stopBots();
    await sleep(1000);
    const perSlot = new Map<string, number>();
    for (const m of h.standIn.messagesIn(CHANNEL)) {
      if (before.has(m) || m.threadTs !== undefined) continue;
      const slot = SLOT.exec(JSON.stringify(m.blocks?.[0] ?? {}))?.[1];
      if (slot !== undefined) perSlot.set(slot, (perSlot.get(slot) ?? 0) + 1);
    }
    const audit = await deployAudit(state, lab.aws);
    const envelopes = h.standIn.envelopes().filter((e) => e.type === 'interactive');
    const replicasClicked = new Set(envelopes.slice(-3).map((e) => e.connectionId)).size;
    const duplicates = [...perSlot.entries()].filter(([, n]) => n !== 1);
    const { pass, failed } = verdict({
      deployDone: outcome !== undefined && /, done/.test(outcome.text),
      oneApproval: audit.filter((r) => r.outcome === 'approved').length === 1,
      oneExecution: executions(audit) === 1,
      clicksHitBothReplicas: replicasClicked === 2,
      slotsPosted: perSlot.size >= 2,
      eachSlotOnce: duplicates.length === 0,
    });
    return {
      expected: 'one approval and one execution from 3 clicks on 2 replicas; every report slot posted once',
      observed: `${failed.length ? `FAILED ${failed.join(', ')}; ` : ''}deploy: ${outcome?.text.slice(0, 60) ?? 'no outcome'}; audit ${audit.map((r) => r.outcome).join(',')}; ${perSlot.size} slots, posts per slot ${[...perSlot.values()].join(',')}`,
      lost:
        executions(audit) === 1 && duplicates.length === 0
          ? 'nothing'
          : `audit ${audit.map((r) => r.outcome).join(',')}; duplicate slots ${duplicates.length}`,
      toldTruth: outcome !== undefined,
      pass,
      details: { audit: audit.map((r) => r.outcome), slots: Object.fromEntries(perSlot), replicasClicked },
    };
  },
};

export const stateStoreHangs: ChaosScenario = {
  name: 'state store (S3) hangs: timeouts fire',
  inShortRun: true,
  async run({ h, lab, log }: ChaosContext) {
    return withProxy(lab.aws, async (proxy) => {
      const state = `s3://${BUCKET}/chaos-hang-${randomUUID().slice(0, 8)}`;
      await h.startBot(
        h.env({
          MM2_STATE: state,
          AWS_ENDPOINT_URL: proxy.url,
          MM2_AWS_TIMEOUT_SECONDS: String(HANG_AWS_TIMEOUT_S),
        }),
      );
      await h.command('help', USERS.viewer, 15000);
      proxy.setMode({ kind: 'stall' });
      log('state store stalled');
      const t0 = Date.now();
      const help = await within(h.command('help', USERS.viewer, 15000), 16000);
      const helpMs = Date.now() - t0;
      const t1 = Date.now();
      const audit = await within(h.command('audit 5', USERS.viewer, 90000), 91000);
      const auditMs = Date.now() - t1;
      const t2 = Date.now();
      const deploy = await within(h.command('deploy all', USERS.operator, 90000), 91000);
      const deployMs = Date.now() - t2;
      proxy.setMode({ kind: 'pass' });
      log('state store back');
      const t3 = Date.now();
      const auditAfter = await within(h.command('audit 5', USERS.viewer, 60000), 61000);
      const afterMs = Date.now() - t3;
      await h.stopBots();
      const auditText = audit ? textOf(audit) : '';
      const deployText = deploy ? textOf(deploy) : '';
      const { pass, failed } = verdict({
        helpStillAnswered: help !== undefined,
        auditAnsweredInTime: audit !== undefined && auditMs < HANG_BOUND_MS,
        auditSaysStore: /state|store|S3|timed out|timeout/i.test(auditText),
        deployNotSilent: deploy !== undefined && deployMs < HANG_BOUND_MS,
        recoversAfter: auditAfter !== undefined,
      });
      return {
        expected: `help answers; with MM2_AWS_TIMEOUT_SECONDS=${HANG_AWS_TIMEOUT_S}, audit and a deploy request fail naming the store within ${HANG_BOUND_MS / 1000} s (${SEQUENTIAL_STORE_CALLS} calls x ${AWS_ATTEMPTS} attempts x ${HANG_AWS_TIMEOUT_S} s + ${LOAD_MARGIN_MS / 1000} s load margin); recovers`,
        observed: `${failed.length ? `FAILED ${failed.join(', ')}; ` : ''}help ${help ? `${helpMs} ms` : 'no reply'}; audit ${audit ? `${auditMs} ms: ${audit.text.slice(0, 70)}` : 'no reply in 90 s'}; deploy ${deploy ? `${deployMs} ms: ${deploy.text.slice(0, 70)}` : 'no reply in 90 s'}; after: ${auditAfter ? `${afterMs} ms` : 'no reply'}`,
        lost: 'nothing visible (audit of commands during the hang: see details)',
        toldTruth: /state|store|S3|timed out|timeout/i.test(auditText) && !/needs approval/i.test(deployText),
        pass,
        details: { auditText: auditText.slice(0, 400), deployText: deployText.slice(0, 400) },
      };
    });
  },
};
