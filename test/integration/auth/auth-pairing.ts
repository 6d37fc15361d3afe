// Issue 13: one migration between listeners that authenticate, end to end through the bot: a Connect
// worker in the target's auth mode (the image's start script and worker file, secrets through config
// providers), the bot deploying over it, reading exact lag over its own SCRAM or mTLS connection, and a
// consumer group's offsets translated to the target.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { authListener, pairingAuth, type AuthPairing } from '../../lab/auth-rehearsal';
import { labConfig } from '../../lab/config';
import { startAuthWorker, type AuthWorker, type WorkerAuthMode } from '../../lab/components/auth-connect';
import { labAuth, type LabAuth } from '../../lab/components/lab-auth';
import { labEndpoints, type LabEndpoints } from '../../lab/endpoints';
import { consumeValues, eventually, produce, topicRecordCount, withAdmin } from '../../lab/clients';
import { createTopics, OpsHarness, textOf, USERS } from '../ops/ops-harness';
import { connectorNames, opsProfile } from '../ops/ops-profile';

export type ClusterMode = 'sasl-scram' | 'mtls';

export interface Pairing {
  source: ClusterMode;
  target: ClusterMode;
}

export interface PairingRun {
  h: OpsHarness;
  lab: LabEndpoints;
  auth: LabAuth;
  worker: AuthWorker;
  name: string;
  topic: string;
  /** The bot's environment for this pairing; `bad` swaps in wrong credentials for one setting. */
  botEnv(bad?: Record<string, string>): Record<string, string>;
  stop(): Promise<void>;
}

const ROOT = join(__dirname, '../../..');
const side = (s: 'source' | 'target') => `MM2_${s.toUpperCase()}_KAFKA`;

/**
 * The auth block of one cluster, as the committed profile of this pairing writes it
 * (connectors/profiles/<source>-to-<target>.yml), with the lab worker's secrets folder in place of the
 * image's /opt/secrets: what runs here is what an operator copies (and what `lab:up -- --auth` runs).
 */
function profileAuth(pairing: Pairing, s: 'source' | 'target', secrets: string): string {
  const short = (mode: ClusterMode) => (mode === 'mtls' ? 'mtls' : 'scram');
  const auth = pairingAuth(
    ROOT,
    `${short(pairing.source)}-to-${short(pairing.target)}` as AuthPairing,
    secrets,
  )[s];
  expect(auth.mode).toBe(pairing[s]);
  return JSON.stringify(auth);
}

/** What the bot is given for its own connection to one cluster (as a deployment would give it). */
function botAccess(mode: ClusterMode, s: 'source' | 'target', auth: LabAuth): Record<string, string> {
  return mode === 'sasl-scram'
    ? { [`${side(s)}_PASSWORD`]: auth.scram.password, [`${side(s)}_TLS_DIR`]: auth.botTlsDir }
    : { [`${side(s)}_TLS_DIR`]: auth.botTlsDir };
}

export async function startPairing(pairing: Pairing): Promise<PairingRun> {
  const config = labConfig();
  const auth = labAuth(config);
  const lab = await labEndpoints();
  const worker = await startAuthWorker(config, pairing.target as WorkerAuthMode);
  const h = await OpsHarness.start({ ...lab, connect: worker.url });
  const name = `auth-${pairing.source === 'mtls' ? 'm' : 's'}2${pairing.target === 'mtls' ? 'm' : 's'}-${randomUUID().slice(0, 6)}`;
  const topic = `${name}.orders`;
  await createTopics(lab.source, [{ topic, numPartitions: 2 }]);
  h.trackTopics([topic]);
  h.track(connectorNames(name));
  // The profile names the auth listeners; the bot and MM2 reach the clusters only through them.
  const profile = opsProfile(
    {
      ...lab,
      source: authListener(lab, 'source', pairing.source),
      target: authListener(lab, 'target', pairing.target),
    },
    {
      name,
      topics: [topic],
      sourceAuth: profileAuth(pairing, 'source', worker.secretsDir),
      targetAuth: profileAuth(pairing, 'target', worker.secretsDir),
    },
  );
  const botEnv = (bad: Record<string, string> = {}) =>
    h.env({
      MM2_PROFILE: profile,
      ...botAccess(pairing.source, 'source', auth),
      ...botAccess(pairing.target, 'target', auth),
      ...bad,
    });
  const stop = async () => {
    await h.stop();
    await worker.stop();
  };
  return { h, lab, auth, worker, name, topic, botEnv, stop };
}

/** Every secret of the lab: none may appear in what the bot posts or logs. */
export function labSecrets(auth: LabAuth): string[] {
  const key = readFileSync(join(auth.botTlsDir, 'key.pem'), 'utf8')
    .split('\n')
    .filter((l) => l && !l.startsWith('-----'));
  return [auth.scram.password, auth.keyPassword, ...key];
}

export function expectNoSecret(run: PairingRun): void {
  const shown = [...run.h.standIn.allMessages().map((m) => textOf(m)), ...run.h.logLines()].join('\n');
  for (const secret of labSecrets(run.auth)) expect(shown).not.toContain(secret);
}

/** Deploy, replicate, exact lag N while paused and 0 after resume, a group's offsets translated. */
export async function replicatesEndToEnd(run: PairingRun, observed: Record<string, unknown>): Promise<void> {
  const { h, lab, topic, name } = run;
  await h.startBot(run.botEnv());
  const began = Date.now();
  const deployed = await h.deployAll();
  expect(deployed.text).toContain(', done');
  await h.warmUp(topic, 4);
  observed.deployToReplicatingMs = Date.now() - began;
  // Exact lag through the bot's own SCRAM/mTLS admin clients and Connect's committed offsets.
  await h.lagUntil(topic, (r) => r.records === 0, 90000);

  const paused = await h.lifecycle('pause all');
  expect(paused.text).toContain(', done');
  const N = 23;
  await produce(
    lab.source,
    topic,
    Array.from({ length: N }, (_, i) => `paused-${i}`),
  );
  const during = await h.lag(topic);
  expect(during.records).toBe(N);
  observed.lagWhilePaused = during.records;
  const resumed = await h.lifecycle('resume all');
  expect(resumed.text).toContain(', done');
  const after = await h.lagUntil(topic, (r) => r.records === 0 && r.verdict === 'GREEN', 90000);
  expect(after.records).toBe(0);
  await eventually(
    'every record on the target',
    async () => ((await topicRecordCount(lab.target, topic)) === N + 4 ? true : undefined),
    60000,
  );

  // A consumer group reads everything on the source and leaves: MM2 syncs its offsets to the target.
  const group = `${name}-readers`;
  expect(await consumeValues(lab.source, topic, N + 4, 30000, group)).toHaveLength(N + 4);
  const translated = await eventually(
    `offsets of ${group} on the target`,
    () =>
      withAdmin(lab.target, async (admin) => {
        const [offsets] = await admin.fetchOffsets({ groupId: group, topics: [topic] });
        const sum = (offsets?.partitions ?? []).reduce((s, p) => s + Math.max(0, Number(p.offset)), 0);
        return sum > 0 ? sum : undefined;
      }),
    90000,
    2000,
  );
  expect(translated).toBeLessThanOrEqual(N + 4);
  observed.translatedOffsets = translated;
  // The bot sees the translated group too, over its own connection to the target.
  const withGroup = await h.lagUntil(topic, (r) => textOf(r.message).includes(group), 60000);
  expect(textOf(withGroup.message)).toMatch(new RegExp(`${group}\\s+[12]/2`));
  expectNoSecret(run);
}

/** A bot given one wrong credential: the reply names the cluster and the setting, and holds no secret. */
export async function refusedWithClearMessage(
  run: PairingRun,
  bad: Record<string, string>,
  expected: { cluster: string; setting: string; reason: RegExp },
): Promise<string> {
  await run.h.stopBots();
  await run.h.startBot(run.botEnv(bad));
  const reply = await run.h.command(`lag ${run.topic}`, USERS.viewer, 90000);
  const text = textOf(reply);
  expect(text).toContain(`'${expected.cluster}'`);
  expect(text).toContain(expected.setting);
  expect(text).toMatch(expected.reason);
  for (const value of Object.values(bad)) if (!value.startsWith('/')) expect(text).not.toContain(value);
  expectNoSecret(run);
  return text;
}
