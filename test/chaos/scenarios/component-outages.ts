// Real components stopped under the bot (the lab's own processes, killed or stopped, started again
// afterwards): Prometheus, moto (AWS), the target broker during replication, the Connect worker during
// an approved deploy. The bot keeps answering, names what is down, and loses nothing.
import { eventually, produce, sleep, topicRecordCount } from '../../lab/clients';
import { withComponentDown } from '../../integration/ops/lab-faults';
import { USERS } from '../../integration/ops/ops-harness';
import type { ChaosContext, ChaosScenario } from '../chaos-types';
import {
  deployAudit,
  connectorsNamed,
  connectorStatus,
  freshProfile,
  HOLD_CONNECT_MS,
  outcomeOf,
  requestApprovedDeploy,
  textOf,
  verdict,
  waitForApplied,
  within,
} from '../chaos-helpers';
import { withProxy } from '../tcp-proxy';

export const prometheusDown: ChaosScenario = {
  name: 'Prometheus down',
  inShortRun: true,
  async run({ h }: ChaosContext) {
    // Deployed connectors of its own, so the exact lag (admin offsets + Connect offsets) has something to read.
    const p = await freshProfile(h, 'pd');
    await h.startBot(h.env({ MM2_PROFILE: p.profile }));
    await h.deployAll();
    const { lag, status, help, elapsedMs } = await withComponentDown('prometheus', 'kill', async () => {
      const t0 = Date.now();
      const lagReply = await within(h.command(`lag ${p.name}`, USERS.viewer, 60000), 65000);
      const statusReply = await within(h.command('status', USERS.viewer, 30000), 35000);
      const helpReply = await within(h.command('help', USERS.viewer, 10000), 12000);
      return { lag: lagReply, status: statusReply, help: helpReply, elapsedMs: Date.now() - t0 };
    });
    await h.stopBots();
    const lagText = lag ? textOf(lag) : '';
    const { pass, failed } = verdict({
      lagAnswered: lag !== undefined,
      lagNamesPrometheus: /Prometheus[^"]{0,40}unreachable/i.test(lagText),
      statusAnswered: status !== undefined,
      helpAnswered: help !== undefined,
    });
    return {
      expected:
        '/mm2 lag answers from the exact source and says Prometheus is unreachable; others unaffected',
      observed: `${failed.length ? `FAILED ${failed.join(', ')}; ` : ''}lag: ${lag?.text.slice(0, 90) ?? 'no reply'}; status ${status ? 'answered' : 'no reply'}; help ${help ? 'answered' : 'no reply'} (${elapsedMs} ms)`,
      lost: 'nothing',
      toldTruth: /Prometheus[^"]{0,40}unreachable/i.test(lagText),
      pass,
      details: { lag: lagText.slice(0, 500) },
    };
  },
};

export const awsDown: ChaosScenario = {
  name: 'moto (AWS) down',
  inShortRun: true,
  async run({ h }: ChaosContext) {
    await h.startBot(h.env({}));
    const r = await withComponentDown('aws', 'kill', async () => {
      const t0 = Date.now();
      const scaling = await within(h.command('scaling', USERS.viewer, 60000), 65000);
      const scalingMs = Date.now() - t0;
      const help = await within(h.command('help', USERS.viewer, 10000), 12000);
      const status = await within(h.command('status', USERS.viewer, 30000), 35000);
      return { scaling, scalingMs, help, status };
    });
    await h.stopBots();
    const said = r.scaling ? textOf(r.scaling) : '';
    const { pass, failed } = verdict({
      scalingAnswered: r.scaling !== undefined,
      namesAws: /AWS|ECS|unreachable/i.test(said),
      helpAnswered: r.help !== undefined,
      statusAnswered: r.status !== undefined,
    });
    return {
      expected: '/mm2 scaling says AWS is unreachable within its timeout; help and status unaffected',
      observed: `${failed.length ? `FAILED ${failed.join(', ')}; ` : ''}scaling after ${r.scalingMs} ms: ${r.scaling?.text.slice(0, 100) ?? 'no reply'}`,
      lost: 'nothing',
      toldTruth: /AWS|ECS|unreachable/i.test(said),
      pass,
      details: { scaling: said.slice(0, 500) },
    };
  },
};

/**
 * Connect's worker group coordinator is on the target: after the outage it rejoins (session timeout,
 * coordinator lookup, a rebalance) before it takes its tasks back. Measured 40 s on the loaded machine.
 */
const RUNNING_AGAIN_WITHIN_MS = 120_000;

export const targetBrokerRestart: ChaosScenario = {
  name: 'target broker stopped, then restarted, during replication',
  inShortRun: false,
  async run({ h, lab }: ChaosContext) {
    const p = await freshProfile(h, 'tb');
    await h.startBot(h.env({ MM2_PROFILE: p.profile }));
    await h.deployAll();
    await h.warmUp(p.topic);
    let during = '';
    let restartedAt = 0;
    await withComponentDown('target', 'graceful', async (restart) => {
      const downAt = Date.now();
      await produce(
        lab.source,
        p.topic,
        Array.from({ length: 20 }, (_, i) => `during-${i}`),
      );
      const status = await within(h.command(`status ${p.name}-source`, USERS.viewer, 30000), 35000);
      during = status?.text ?? 'no reply';
      while (Date.now() - downAt < 15000) await sleep(1000);
      await restart();
      restartedAt = Date.now();
    });
    const counts = await eventually(
      'every source record on the target',
      async () => {
        const s = await topicRecordCount(lab.source, p.topic);
        const t = await topicRecordCount(lab.target, p.topic);
        return t >= s ? { source: s, target: t } : undefined;
      },
      90000,
    ).catch(() => undefined);
    // The worker's group lives on the target cluster: it drops its tasks while the broker is gone and
    // takes them back once it has rejoined, which is not the moment the records arrive.
    let st: Awaited<ReturnType<typeof connectorStatus>>;
    const runningAgainMs = await eventually(
      'the source connector and its task RUNNING again',
      async () => {
        st = await connectorStatus(lab.connect, `${p.name}-source`);
        const running =
          st?.connector.state === 'RUNNING' &&
          st.tasks.length > 0 &&
          st.tasks.every((t) => t.state === 'RUNNING');
        return running ? Date.now() - restartedAt : undefined;
      },
      RUNNING_AGAIN_WITHIN_MS,
    ).catch(() => undefined);
    await h.stopBots();
    const { pass, failed } = verdict({
      nothingLost: counts !== undefined && counts.source === 22,
      statusAnsweredDuringOutage: during !== 'no reply',
      runningAgain: runningAgainMs !== undefined,
    });
    return {
      expected: `a 15 s target outage: every record arrives; status answers meanwhile; the connector is RUNNING again within ${RUNNING_AGAIN_WITHIN_MS / 1000} s of the broker's return (Connect rejoins its group on the target)`,
      observed: `${failed.length ? `FAILED ${failed.join(', ')}; ` : ''}records ${JSON.stringify(counts)}; status during: ${during.slice(0, 80)}; RUNNING again ${runningAgainMs === undefined ? `not within ${RUNNING_AGAIN_WITHIN_MS / 1000} s (${st?.connector.state})` : `${runningAgainMs} ms after the restart`}`,
      lost: counts !== undefined && counts.target >= counts.source ? 'nothing' : 'records',
      toldTruth: during !== 'no reply',
      pass,
    };
  },
};

export const connectKilledMidDeploy: ChaosScenario = {
  name: 'Connect worker killed mid-deploy',
  inShortRun: false,
  async run({ h, lab }: ChaosContext) {
    // The bot reaches Connect through a proxy that, once the deploy writes, holds each call: the worker
    // dies after the first connector is written and while the second write is held.
    return withProxy(lab.connect, async (proxy) => {
      const { p, env, request } = await requestApprovedDeploy(h, 'ck', { CONNECT_URL: proxy.url });
      proxy.setMode({ kind: 'delay', ms: HOLD_CONNECT_MS });
      await waitForApplied(h, request, 1);
      const killAt = Date.now();
      let killMs = 0;
      const outcome = await withComponentDown('connect', 'kill', async (restart) => {
        killMs = Date.now() - killAt;
        proxy.setMode({ kind: 'pass' });
        return outcomeOf(h, request, 150000).finally(() => restart());
      });
      const afterKill = await connectorsNamed(lab.connect, `${p.name}-`);
      const said = outcome ? textOf(outcome) : '';
      const listed = listedAs('Applied', said);
      const notApplied = listedAs('Not applied', said);
      const again = await h.deployAll().catch((e: Error) => e);
      const final = await connectorsNamed(lab.connect, `${p.name}-`);
      const audit = await deployAudit(env.MM2_STATE!, lab.aws);
      await h.stopBots();
      // What it says was applied is on Connect, and nothing it says was not applied is.
      const listsApplied =
        listed !== undefined &&
        listed.join() === afterKill.join() &&
        notApplied !== undefined &&
        !notApplied.some((c) => afterKill.includes(c));
      const { pass, failed } = verdict({
        killedMidDeploy: afterKill.length === 1,
        failedClearly: /, failed/.test(outcome?.text ?? '') && /Connect/.test(said),
        listsApplied,
        failedRunAudited: audit.some((r) => r.outcome === 'error'),
        repeatedDeployCompletes: !(again instanceof Error),
        noDuplicates: final.join() === [...p.connectors].sort().join(),
      });
      return {
        expected:
          'killed between two connector writes: deploy fails naming Connect and exactly what was applied; a repeated deploy completes, no duplicates',
        observed: `${failed.length ? `FAILED ${failed.join(', ')}; ` : ''}${outcome?.text.slice(0, 100) ?? 'no outcome'}; on Connect after the kill: ${afterKill.length}, message says applied: ${listed?.join(', ') ?? '?'}, not applied: ${notApplied?.join(', ') ?? '?'}; repeat: ${again instanceof Error ? again.message.slice(0, 80) : 'done'}`,
        lost: audit.some((r) => r.outcome === 'error') ? 'nothing' : "the failed run's audit record",
        toldTruth: listsApplied,
        pass,
        details: {
          said: said.slice(0, 800),
          afterKill,
          listed,
          final,
          killMs,
          audit: audit.map((r) => r.outcome),
        },
      };
    });
  },
};

/** The connectors an outcome lists after `label` ("Applied: a, b." / "Not applied: none."), sorted. */
function listedAs(label: string, said: string): string[] | undefined {
  const list = new RegExp(`${label}: ([^.]*)\\.`).exec(said)?.[1];
  if (list === undefined) return undefined;
  return list === 'none' ? [] : list.split(', ').sort();
}
