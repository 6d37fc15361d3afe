// Issue 11 acceptance, through the Slack stand-in on the lab: the real bot moves the lab's ledger
// applications (moto ECS services made real processes by the reconciler) from the source to the
// target, gated, approved and resumable; the ledger counts loss and duplicates exactly, and counting
// proxies in front of Connect and moto count every call the bot made.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { DescribeServicesCommand, ECSClient } from '@aws-sdk/client-ecs';
import { awsClientConfig, LAB_AWS } from '../../lab/components/aws-seed';
import { eventually, withAdmin } from '../../lab/clients';
import { LEDGER_APP } from '../../lab/apps/ledger-services';
import { repoRoot } from '../../support/app-process';
import { OpsHarness, textOf, USERS, CHANNEL } from '../ops/ops-harness';
import { CutoverRig } from './cutover-rig';
import { CutoverThread } from './cutover-thread';
import { Teardown } from '../../support/teardown';

let harness: OpsHarness;
const rigs: CutoverRig[] = [];
const strays: ChildProcess[] = [];

beforeAll(async () => {
  harness = await OpsHarness.start();
});

afterAll(async () => {
  // Everything is stopped even when one part fails to stop (or never started), then the failures told.
  const teardown = new Teardown();
  teardown.add('harness', harness, (h) => h?.stop());
  for (const rig of rigs) teardown.add(`rig ${rig.options.name}`, rig, (r) => r.stop());
  teardown.add('stray producers', strays, (all) => {
    for (const s of all) if (s.exitCode === null) s.kill('SIGKILL');
  });
  await teardown.run();
});

const service = async (rig: CutoverRig, name: string) => {
  const out = await new ECSClient(awsClientConfig(harness.lab.aws)).send(
    new DescribeServicesCommand({ cluster: LAB_AWS.cluster, services: [name] }),
  );
  const s = out.services!.find((x) => x.status === 'ACTIVE')!;
  return { desiredCount: s.desiredCount, taskDefinition: s.taskDefinition };
};

/** MM2 has translated the group's commits on every partition (the cutover can begin meaningfully). */
const groupOnTarget = (rig: CutoverRig) =>
  eventually(
    `${rig.services.group} translated to the target`,
    () =>
      withAdmin(harness.lab.target, async (admin) => {
        const [topic] = await admin.fetchOffsets({
          groupId: rig.services.group,
          topics: [rig.services.topic],
        });
        return topic && topic.partitions.length === 3 && topic.partitions.every((p) => Number(p.offset) >= 0)
          ? true
          : undefined;
      }),
    120000,
    2000,
  );

/** A rig, a bot for its profile, MM2 deployed, applications running on the source. */
async function prepare(
  producerRun: 'ecs' | 'manual',
): Promise<{ rig: CutoverRig; env: Record<string, string> }> {
  const rig = await CutoverRig.start(harness, { name: `cut-${randomUUID().slice(0, 6)}`, producerRun });
  rigs.push(rig);
  const env = rig.botEnv();
  await harness.stopBots();
  await harness.startBot(env);
  await harness.deployAll();
  await rig.tasks(rig.services.producer, 1);
  await rig.tasks(rig.services.consumer, 1);
  await groupOnTarget(rig);
  return { rig, env };
}

const estimateIn = (m: { text: string; blocks: unknown }) => {
  const found = /≈(\d+) record\(s\) will be read again/.exec(textOf(m as never));
  if (!found) throw new Error(`no re-read estimate in ${textOf(m as never).slice(0, 1500)}`);
  return Number(found[1]);
};

test('dry run changes nothing; consumers still on the source and producers still writing are blocked, named; abort returns the group to the source with 0 lost', async () => {
  const { rig } = await prepare('manual');
  const { consumer, producer } = rig.services;
  const ecsBefore = [await service(rig, consumer), await service(rig, producer)];

  // The dry run: every gate measured, nothing changed anywhere.
  const dryRunStarted = Date.now();
  const plan = await harness.command('cutover plan --runbook lab', USERS.operator, 120000, (m) =>
    m.text.startsWith('Cutover plan'),
  );
  expect(plan.text).toMatch(/runbook lab: 9 steps/);
  expect(rig.ecsMutations()).toEqual([]);
  expect(rig.connectMutations(dryRunStarted)).toEqual([]);
  expect([await service(rig, consumer), await service(rig, producer)]).toEqual(ecsBefore);
  const status = await harness.command('cutover status', USERS.operator);
  expect(status.text).toMatch(/No cutover is running/);

  const thread = await CutoverThread.start(harness);
  await thread.advance();
  const stopConsumers = await thread.approval('Stop ledger-consumer on the source');
  await thread.click(stopConsumers, USERS.operator); // requester approval: the requester confirms
  await thread.outcome('Done', 'Stop ledger-consumer on the source');
  await rig.tasks(consumer, 0);

  // A consumer of the group still runs on the source (outside ECS): the check names it.
  const stray = spawn(process.execPath, LEDGER_APP, {
    cwd: repoRoot,
    env: {
      PATH: process.env.PATH ?? '',
      KAFKA_BOOTSTRAP_SERVERS: harness.lab.source,
      LEDGER_ROLE: 'consumer',
      LEDGER_TOPIC: rig.services.topic,
      LEDGER_GROUP: rig.services.group,
      LEDGER_DIR: rig.ledgerDir,
    },
    stdio: 'ignore',
  });
  strays.push(stray);
  const blocked = await thread.outcome('Blocked', `Check ${rig.services.group} on the target`, 90000);
  expect(textOf(blocked)).toMatch(/group-empty-source.*1 member\(s\) still connected/);
  expect(textOf(blocked)).toContain(`ledger-consumer-`);
  expect(textOf(blocked)).toContain(`-${stray.pid} on `);
  stray.kill('SIGTERM');
  await new Promise((r) => stray.once('exit', r));

  // Stopped now: the check passes and the peer step asks for an approver.
  await thread.advance();
  const startConsumers = await thread.approval('Start ledger-consumer on MSK');
  expect(estimateIn(startConsumers)).toBeGreaterThanOrEqual(0);
  await thread.click(startConsumers, USERS.approver1);
  await thread.outcome('Done', 'Start ledger-consumer on MSK');
  expect(rig.reconciler.runningTasks(consumer).map((t) => t.env.KAFKA_BOOTSTRAP_SERVERS)).toEqual([
    harness.lab.target,
  ]);

  // The team confirms "producers stopped" while the producer still writes: the fence is red.
  const stopProducers = await thread.approval('Stop ledger-producer on the source');
  expect(textOf(stopProducers)).toContain('Team *payments*');
  await thread.click(stopProducers, USERS.operator);
  const fence = await thread.outcome('Blocked', 'Stop ledger-producer on the source', 90000);
  expect(textOf(fence)).toMatch(/no-stray-producers.*something still writes on the source/);
  expect(textOf(fence)).toMatch(new RegExp(`${rig.services.topic.replace('.', '\\.')}-\\d: \\+\\d+`));
  expect(rig.reconciler.runningTasks(producer)).toHaveLength(1);

  // Abort before the point of no return: the group goes back to the source.
  const abort = await harness.command('cutover abort', USERS.operator, 60000, (m) =>
    /aborted|:x:/.test(m.text),
  );
  expect(abort.text).toMatch(/aborted/);
  expect(textOf(abort)).toMatch(/back to .*:1 \(the source\)/);
  expect(await service(rig, consumer)).toEqual(ecsBefore[0]);
  await eventually(
    'the consumer back on the source',
    async () =>
      rig.reconciler
        .runningTasks(consumer)
        .map((t) => t.env.KAFKA_BOOTSTRAP_SERVERS)
        .join() === harness.lab.source
        ? true
        : undefined,
    30000,
    200,
  );
  await rig.scale(producer, 0);
  await rig.tasks(producer, 0);
  const ledger = await rig.ledgerSettled();
  console.log(`abort: ${JSON.stringify(ledger)}`);
  expect(ledger.lost).toBe(0);
  expect(ledger.produced).toBeGreaterThan(100);
});

test('a full cutover by the bot with approvals, SIGKILLed mid-step: 0 lost, duplicates within the estimate, no action twice', async () => {
  const { rig, env } = await prepare('ecs');
  const { consumer, producer } = rig.services;
  const thread = await CutoverThread.start(harness);
  await thread.advance();
  const stopConsumers = await thread.approval('Stop ledger-consumer on the source');
  await thread.click(stopConsumers, USERS.operator);
  await thread.outcome('Done', 'Stop ledger-consumer on the source');

  const startConsumers = await thread.approval('Start ledger-consumer on MSK');
  const estimate = estimateIn(startConsumers);
  // The requester may not approve their own peer step.
  await thread.click(startConsumers, USERS.operator);
  await harness.standIn.waitFor(
    () =>
      harness.standIn.ephemeralsFor(USERS.operator, CHANNEL).find((m) => /approver|requester/i.test(m.text)),
    10000,
    'the refusal',
  );
  expect(rig.ecsMutations().filter((c) => c.op === 'RegisterTaskDefinition')).toHaveLength(0);
  // Two approvers at the same moment: one execution.
  await Promise.all([
    thread.click(startConsumers, USERS.approver1),
    thread.click(startConsumers, USERS.approver2),
  ]);
  await thread.outcome('Done', 'Start ledger-consumer on MSK');

  // The bot is SIGKILLed while it stops the producers (after its ECS call, during the fence).
  const stopProducers = await thread.approval('Stop ledger-producer on the source');
  await thread.click(stopProducers, USERS.operator);
  await eventually(
    'the ECS call that stops the producer',
    async () =>
      rig.ecsMutations().some((c) => c.op === 'UpdateService' && c.body.includes(`"${producer}"`))
        ? true
        : undefined,
    60000,
    50,
  );
  await harness.bots.at(-1)!.stop('SIGKILL');
  const killedAt = Date.now();
  const postedBeforeKill = thread.messages().length;
  await harness.standIn.waitFor(() => harness.standIn.openConnections === 0, 15000, 'the bot gone');
  await harness.startBot(env);
  // Its beat goes stale, then `next` takes the step over: measured again, not acted again.
  await new Promise((r) => setTimeout(r, 6000));
  await thread.advance();
  const resumed = await thread.outcome('Done', 'Stop ledger-producer on the source');
  // Finished by the new process, its fence measured after the restart.
  expect(thread.messages().indexOf(resumed)).toBeGreaterThanOrEqual(postedBeforeKill);
  const measured = /measured (\S+Z)/.exec(textOf(resumed))?.[1];
  expect(Date.parse(measured ?? '')).toBeGreaterThan(killedAt);
  await thread.outcome('Done', 'Exact lag 0 on every partition');
  const startProducers = await thread.approval('Start ledger-producer on MSK');
  expect(textOf(startProducers)).toContain('Point of no return');
  await thread.click(startProducers, USERS.approver2);
  await thread.outcome('Done', 'Start ledger-producer on MSK');
  await thread.outcome('Done', 'Rollback window');
  const connectBeforeStop = Date.now();
  const stopMm2 = await thread.approval('Stop MirrorMaker 2');
  await Promise.all([thread.click(stopMm2, USERS.approver1), thread.click(stopMm2, USERS.approver2)]);
  await thread.outcome('Done', 'Stop MirrorMaker 2');
  await thread.next((m) => m.text === `Cutover ${thread.id} is done`, 30000, 'the cutover done');

  // Every action reached ECS and Connect exactly once.
  const ecs = rig.ecsMutations();
  const count = (op: string, name: string) =>
    ecs.filter((c) => c.op === op && c.body.includes(`"${name}"`)).length;
  const counts = {
    consumerUpdates: count('UpdateService', consumer),
    consumerRegisters: count('RegisterTaskDefinition', consumer),
    producerUpdates: count('UpdateService', producer),
    producerRegisters: count('RegisterTaskDefinition', producer),
    connectStops: rig.connectMutations(connectBeforeStop).filter((c) => /\/stop$/.test(c.path)).length,
    connectOther: rig.connectMutations(connectBeforeStop).filter((c) => !/\/stop$/.test(c.path)).length,
  };
  console.log(`full cutover calls: ${JSON.stringify(counts)}`);
  expect(counts).toEqual({
    consumerUpdates: 2,
    consumerRegisters: 1,
    producerUpdates: 2,
    producerRegisters: 1,
    connectStops: 3,
    connectOther: 0,
  });
  expect(rig.reconciler.runningTasks(producer).map((t) => t.env.KAFKA_BOOTSTRAP_SERVERS)).toEqual([
    harness.lab.target,
  ]);

  await rig.scale(producer, 0);
  await rig.tasks(producer, 0);
  const ledger = await rig.ledgerSettled();
  console.log(`full cutover: ${JSON.stringify(ledger)}, estimate ${estimate}`);
  expect(ledger.lost).toBe(0);
  expect(ledger.duplicates).toBeLessThanOrEqual(estimate);
  const report = await harness.command('cutover report', USERS.operator, 30000, (m) =>
    /report attached/.test(m.text),
  );
  expect(report.text).toContain(thread.id);
});
