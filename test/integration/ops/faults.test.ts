// Issue 4 faults through the real bot: a target outage is survived without a restart; a task failed by
// the target refusing records shows FAILED with a short trace and comes back with `restart all
// --failed-only`; Connect killed during a deploy gives a clear error and a repeated deploy succeeds
// without duplicates; no seeded secret reaches Slack or the logs in any auth mode.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigResourceTypes } from 'kafkajs';
import { eventually, produce, sleep, topicRecordCount, withAdmin } from '../../lab/clients';
import { withComponentDown } from './lab-faults';
import { OpsHarness, textOf, USERS, CHANNEL, APPROVE, createTopics } from './ops-harness';
import { connectorNames, opsProfile, type OpsProfileOptions } from './ops-profile';

let h: OpsHarness;
const observed: Record<string, unknown> = {};

interface Status {
  connector: { state: string };
  tasks: Array<{ id: number; state: string; trace?: string }>;
}
const statusOf = async (name: string): Promise<Status | undefined> => {
  const res = await fetch(`${h.connectUrl()}/connectors/${name}/status`).catch(() => undefined);
  return res?.ok ? ((await res.json()) as Status) : undefined;
};
const labConnectors = async (): Promise<string[]> =>
  (await (await fetch(`${h.connectUrl()}/connectors`)).json()) as string[];

beforeAll(async () => {
  h = await OpsHarness.start();
});

afterEach(async () => {
  await h.stopBots();
});

afterAll(async () => {
  process.stdout.write(`ops faults figures: ${JSON.stringify(observed)}\n`);
  await h?.stop();
});

async function deployedProfile(name: string, extra: Partial<OpsProfileOptions>) {
  const topic = `${name}.orders`;
  await createTopics(h.lab.source, [{ topic, numPartitions: 1 }]);
  h.trackTopics([topic]);
  h.track(connectorNames(name));
  return { topic, profile: opsProfile(h.lab, { name, topics: [topic], ...extra }) };
}

/** The target topic's largest accepted batch (broker-side), e.g. to make the target refuse records. */
async function setTargetMaxMessageBytes(topic: string, bytes: number): Promise<void> {
  await withAdmin(h.lab.target, (admin) =>
    admin.alterConfigs({
      validateOnly: false,
      resources: [
        {
          type: ConfigResourceTypes.TOPIC,
          name: topic,
          configEntries: [{ name: 'max.message.bytes', value: String(bytes) }],
        },
      ],
    }),
  );
}

/** Polls Connect until every task of `name` is RUNNING. */
const runningAgain = (name: string) =>
  eventually(
    `${name} RUNNING`,
    async () => {
      const s = await statusOf(name);
      return s &&
        s.connector.state === 'RUNNING' &&
        s.tasks.length > 0 &&
        s.tasks.every((t) => t.state === 'RUNNING')
        ? s
        : undefined;
    },
    60000,
  );

/** Source and target record counts once the target holds at least every source record. */
const nothingLost = (topic: string) =>
  eventually(
    'every source record on the target',
    async () => {
      const s = await topicRecordCount(h.lab.source, topic);
      const t = await topicRecordCount(h.lab.target, topic);
      return t >= s ? { source: s, target: t } : undefined;
    },
    60000,
  );

test('the target broker stopped for a while: MM2 tasks are not FAILED, they resume by themselves, nothing lost', async () => {
  // What the lab shows: through a 15-25 s target outage the source task stays RUNNING, even with a
  // producer delivery.timeout.ms override of 6 s, and copies the backlog once the target is back. The
  // worker's own group, status and offsets live on the target too, so it cannot record a failure while
  // the target is away. The next test fails a task through the target refusing records instead.
  const name = `ops-out-${randomUUID().slice(0, 6)}`;
  const { topic, profile } = await deployedProfile(name, {});
  const bot = await h.startBot(h.env({ MM2_PROFILE: profile }));
  await h.deployAll();
  await h.warmUp(topic);
  const seen: string[] = [];
  await withComponentDown('target', 'graceful', async (restart) => {
    const downAt = Date.now();
    await produce(
      h.lab.source,
      topic,
      Array.from({ length: 20 }, (_, i) => `during-outage-${i}`),
    );
    // `/mm2 status` still answers while the target is down (Connect's REST API does).
    const during = await h.command(`status ${name}-source`, USERS.viewer, 30000);
    seen.push(during.text);
    while (Date.now() - downAt < 15000) await sleep(1000);
    await restart();
    observed.targetDownMs = Date.now() - downAt;
  });
  observed.statusDuringOutage = seen;
  expect(seen[0]).toContain(`${name}-source`);
  const counts = await nothingLost(topic);
  observed.recordsAfterOutage = counts;
  expect(counts.source).toBe(22);
  const after = await runningAgain(`${name}-source`);
  expect(after.tasks.map((t) => t.state)).toEqual(['RUNNING']);
  await bot.stop();
});

test('a task failed by the target refusing its records shows FAILED with a short trace; restart --failed-only brings it back', async () => {
  // The target broker refuses a batch over the topic's max.message.bytes with RecordTooLargeException,
  // which is not retriable: with errors.tolerance=none Connect fails the source task ("Unrecoverable
  // exception from producer send callback", AbstractWorkerSourceTask). Raising the limit again is the
  // "broker is fine again" moment.
  const name = `ops-flt-${randomUUID().slice(0, 6)}`;
  const { topic, profile } = await deployedProfile(name, {});
  const bot = await h.startBot(h.env({ MM2_PROFILE: profile }));
  await h.deployAll();
  await h.warmUp(topic);
  await setTargetMaxMessageBytes(topic, 1024);
  // One record alone: with smaller records in the same batch the producer splits the batch by
  // batch.size, not by the topic's limit, and retries forever with the task RUNNING (KAFKA-8350).
  await produce(h.lab.source, topic, ['x'.repeat(8000)]);

  const failedAt = Date.now();
  let lastStatus = '';
  const failed = await eventually(
    '/mm2 status to show the failed task',
    async () => {
      const reply = await h.command(`status ${name}-source`, USERS.viewer);
      lastStatus = textOf(reply);
      return /FAILED/.test(lastStatus) ? reply : undefined;
    },
    60000,
    2000,
  ).catch((error: Error) => {
    throw new Error(`${error.message}; last status: ${lastStatus.slice(0, 1500)}`);
  });
  observed.failedVisibleAfterMs = Date.now() - failedAt;
  const text = textOf(failed);
  expect(text).toContain('task 0 failed on');
  const trace = /failed on `[^`]*`:[^`]*```([^`]+)```/.exec(text)?.[1] ?? '';
  observed.shortTrace = trace.slice(0, 500);
  expect(trace).toMatch(/RecordTooLarge|too large/i);
  expect(trace.split('\\n').length).toBeLessThanOrEqual(8);
  expect(text).not.toContain('\\tat org.apache');

  await setTargetMaxMessageBytes(topic, 1048588);
  await produce(h.lab.source, topic, ['after-1', 'after-2']);
  const restarted = await h.lifecycle('restart all --failed-only');
  expect(restarted.text).toContain(', done');
  const running = await runningAgain(`${name}-source`);
  expect(running.tasks).toHaveLength(1);
  const counts = await nothingLost(topic);
  observed.recordsAfterRestart = counts;
  expect(counts.source).toBe(5);
  await bot.stop();
});

test('Connect killed during a deploy: a clear error; after Connect is back a repeated deploy succeeds, no duplicates', async () => {
  const name = `ops-kil-${randomUUID().slice(0, 6)}`;
  const { profile } = await deployedProfile(name, {});
  await h.startBot(h.env({ MM2_PROFILE: profile }));
  const request = await h.command('deploy all', USERS.operator);
  expect(JSON.stringify(request.blocks)).toContain(APPROVE);

  // Approve, then kill the worker the moment the bot starts applying (after validation passed).
  await h.standIn.clickButton({
    message: { channel: CHANNEL, ts: request.ts },
    action_id: APPROVE,
    user_id: USERS.approver1,
  });
  await h.standIn.waitFor(
    () => /Applying/.test(textOf(h.standIn.message(CHANNEL, request.ts))),
    60000,
    'the deploy to start applying',
  );
  const outcome = await withComponentDown('connect', 'kill', async (restart) =>
    h.standIn
      .waitFor(
        () => {
          const m = h.standIn.message(CHANNEL, request.ts);
          return m && /, (done|failed)/.test(m.text) ? m : undefined;
        },
        150000,
        'the deploy outcome with Connect down',
      )
      .finally(() => restart()),
  );
  observed.connectorsAfterKill = (await labConnectors()).filter((c) => c.startsWith(`${name}-`));
  observed.killedDeployMessage = textOf(outcome).slice(0, 800);
  expect(outcome.text).toContain(', failed');
  expect(textOf(outcome)).toMatch(/Connect/);
  expect(textOf(outcome)).not.toMatch(/INTERNAL|something went wrong/i);
  // Not silent about what was half done: the message says what was applied ("none" included).
  expect(textOf(outcome)).toMatch(/Applied: /);
  const applied = observed.connectorsAfterKill as string[];
  for (const c of applied) expect(textOf(outcome)).toContain(c);

  const again = await h.deployAll();
  observed.repeatedDeploy = again.text;
  const mine = (await labConnectors()).filter((c) => c.startsWith(`${name}-`)).sort();
  expect(mine).toEqual(connectorNames(name).sort());
  for (const c of mine) {
    const s = await eventually(
      `${c} running`,
      async () => {
        const st = await statusOf(c);
        return st?.connector.state === 'RUNNING' ? st : undefined;
      },
      60000,
    );
    expect(s.tasks.length).toBeLessThanOrEqual(1);
  }
  // A third deploy finds everything in place.
  const third = await h.command('deploy all', USERS.operator);
  expect(textOf(third)).toMatch(/no change/i);
  expect(JSON.stringify(third.blocks)).not.toContain(APPROVE);
});

test('no seeded secret appears in any message or log line, in any auth mode', async () => {
  const secret = `S33ded-${randomUUID()}`;
  const dir = mkdtempSync(join(tmpdir(), 'mm2-ops-secrets-'));
  writeFileSync(join(dir, 'scram.properties'), `username=mm2\npassword=${secret}\n`);
  writeFileSync(
    join(dir, 'tls.properties'),
    `truststore.password=${secret}\nkeystore.password=${secret}\nkey.password=${secret}\n`,
  );
  const ref = (file: string, key: string) => `'\${file:${join(dir, file)}:${key}}'`;
  const auths: Record<string, string> = {
    plaintext: '{ mode: plaintext }',
    'sasl-scram': `{ mode: sasl-scram, username: mm2, password: ${ref('scram.properties', 'password')} }`,
    mtls: `{ mode: mtls, truststoreLocation: ${join(dir, 'trust.p12')}, truststorePassword: ${ref('tls.properties', 'truststore.password')}, keystoreLocation: ${join(dir, 'key.p12')}, keystorePassword: ${ref('tls.properties', 'keystore.password')}, keyPassword: ${ref('tls.properties', 'key.password')} }`,
    iam: '{ mode: iam }',
  };
  // The bot's own read access (lag report) in SCRAM and mTLS: the same seeded password, and a PEM
  // folder whose key holds it too. These the bot does read: they must never come back out.
  const pemDir = mkdtempSync(join(tmpdir(), 'mm2-ops-pem-'));
  for (const file of ['ca.pem', 'cert.pem'])
    writeFileSync(
      join(pemDir, file),
      `-----BEGIN CERTIFICATE-----\nMIIB${file}\n-----END CERTIFICATE-----\n`,
    );
  writeFileSync(
    join(pemDir, 'key.pem'),
    `-----BEGIN PRIVATE KEY-----\n${secret}\n-----END PRIVATE KEY-----\n`,
  );
  const botAccess: Record<string, Record<string, string>> = {
    'sasl-scram': { MM2_SOURCE_KAFKA_PASSWORD: secret },
    mtls: { MM2_SOURCE_KAFKA_TLS_DIR: pemDir },
  };
  const previews: Record<string, string> = {};
  const lagReplies: Record<string, string> = {};
  for (const [mode, auth] of Object.entries(auths)) {
    const name = `ops-sec-${mode.replace(/[^a-z]/g, '')}`;
    const profile = opsProfile(h.lab, {
      name,
      topics: [`${name}.orders`],
      sourceAuth: auth,
      targetAuth: mode === 'iam' ? auth : '{ mode: plaintext }',
    });
    const bot = await h.startBot(h.env({ MM2_PROFILE: profile, ...(botAccess[mode] ?? {}) }));
    const preview = await h.command('deploy all --dry-run', USERS.operator, 60000);
    previews[mode] = textOf(preview);
    await h.command(`config ${name}-source`, USERS.viewer, 30000);
    // The lab's brokers speak plaintext: the bot's SCRAM/TLS connection fails, and says so.
    lagReplies[mode] = textOf(await h.command(`lag ${name}`, USERS.viewer, 90000)).slice(0, 300);
    await bot.stop();
  }
  observed.lagRepliesPerMode = lagReplies;
  observed.dryRunModes = Object.keys(previews);
  // The previews did render each mode (the references, not the values, are what Connect gets).
  for (const preview of Object.values(previews)) expect(preview).toContain('Validated by Connect');
  expect(previews['sasl-scram']).toContain(`password=\\"\${file:${join(dir, 'scram.properties')}:password}`);
  expect(previews.mtls).toContain(
    `ssl.keystore.password=\${file:${join(dir, 'tls.properties')}:keystore.password}`,
  );
  expect(previews.iam).toMatch(/AWS_MSK_IAM|IAMLoginModule/);
  const everything = [
    ...h.standIn.postedTexts(),
    ...h.standIn.calls().map((c) => JSON.stringify(c.args)),
    ...h.standIn.uploadedFiles().map((f) => f.bytes.toString('utf8')),
    ...h.logLines(),
  ];
  observed.textsChecked = everything.length;
  expect(everything.filter((t) => t.includes(secret))).toEqual([]);
});
