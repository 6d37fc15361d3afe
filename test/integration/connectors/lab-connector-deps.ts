import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UndiciConnectClient } from '../../../bot/adapters/connect/undici-connect-client';
import { FileProfileSource } from '../../../bot/adapters/profile-files/file-profile-source';
import type { ConnectClient } from '../../../bot/ports/connect';
import type { ConnectorDeps } from '../../../bot/usecases/connectors/deps';
import { withAdmin } from '../../lab/clients';
import type { LabEndpoints } from '../../lab/endpoints';

const ROOT = join(__dirname, '../../..');

/** A migration profile of the test's own: its own connector names and topics, on the lab's clusters. */
export interface TestMigration {
  run: string;
  dir: string;
  profileFile: string;
  templatesDir: string;
  names: { source: string; checkpoint: string; heartbeat: string };
  topicPrefix: string;
  cleanup(): void;
}

export function testMigration(lab: LabEndpoints, run: string): TestMigration {
  const dir = mkdtempSync(join(tmpdir(), `mm2-it-${run}-`));
  const templatesDir = join(dir, 'templates');
  cpSync(join(ROOT, 'connectors/templates'), templatesDir, { recursive: true });
  const names = {
    source: `it-${run}-source`,
    checkpoint: `it-${run}-checkpoint`,
    heartbeat: `it-${run}-heartbeat`,
  };
  const topicPrefix = `itest.${run}`;
  const profile = readFileSync(join(ROOT, 'connectors/profiles/lab.yml'), 'utf8')
    .replace('name: lab', `name: it-${run}`)
    .replace('bootstrapServers: ${env:MM2_SOURCE_BOOTSTRAP_SERVERS}', `bootstrapServers: ${lab.source}`)
    .replace('bootstrapServers: ${env:MM2_TARGET_BOOTSTRAP_SERVERS}', `bootstrapServers: ${lab.target}`)
    .replace('include: [orders, clicks, payments]', `include: ['itest\\.${run}\\..*']`)
    .replace("include: ['.*']", `include: ['itest-${run}-.*']`)
    .replace('source: mm2-source', `source: ${names.source}`)
    .replace('checkpoint: mm2-checkpoint', `checkpoint: ${names.checkpoint}`)
    .replace('heartbeat: mm2-heartbeat', `heartbeat: ${names.heartbeat}`);
  const profileFile = join(dir, 'profile.yml');
  writeFileSync(profileFile, profile);
  return {
    run,
    dir,
    profileFile,
    templatesDir,
    names,
    topicPrefix,
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** Wraps a ConnectClient and records the mutating calls, to prove what a command did not do. */
export function recordingConnect(inner: ConnectClient, calls: string[]): ConnectClient {
  return {
    url: inner.url,
    worker: () => inner.worker(),
    list: () => inner.list(),
    getConfig: (n) => inner.getConfig(n),
    putConfig: (n, c) => (calls.push(`putConfig ${n}`), inner.putConfig(n, c)),
    validate: (cls, c) => inner.validate(cls, c),
    status: (n) => inner.status(n),
    pause: (n) => (calls.push(`pause ${n}`), inner.pause(n)),
    resume: (n) => (calls.push(`resume ${n}`), inner.resume(n)),
    stop: (n) => (calls.push(`stop ${n}`), inner.stop(n)),
    restart: (n, o) => (calls.push(`restart ${n}`), inner.restart(n, o)),
    offsets: (n) => inner.offsets(n),
  };
}

export function labDeps(
  lab: LabEndpoints,
  migration: TestMigration,
  calls: string[],
): { deps: ConnectorDeps; client: UndiciConnectClient } {
  const client = new UndiciConnectClient({ url: lab.connect, timeoutMs: 15_000 });
  const deps: ConnectorDeps = {
    connect: recordingConnect(client, calls),
    profile: new FileProfileSource({
      profileFile: migration.profileFile,
      templatesDir: migration.templatesDir,
    }),
    // Shows everything: the assertions see exactly what reached the view.
    redactor: { text: (s) => s, value: (v) => v },
    clock: { now: () => Date.now() },
    pollMs: 500,
  };
  return { deps, client };
}

/**
 * What a test's migration left on the lab, gone: its connectors, `topic` on both clusters, the Connect
 * client and the profile files. Tolerates a beforeAll that failed half-way.
 */
export async function removeTestMigration(
  lab: LabEndpoints,
  migration: TestMigration | undefined,
  topic: string,
  client: UndiciConnectClient | undefined,
): Promise<void> {
  for (const name of Object.values(migration?.names ?? {})) {
    await fetch(`${lab.connect}/connectors/${name}`, { method: 'DELETE' }).catch(() => undefined);
  }
  for (const bootstrap of [lab.source, lab.target])
    await withAdmin(bootstrap, (admin) => admin.deleteTopics({ topics: [topic] })).catch(() => undefined);
  await client?.close();
  migration?.cleanup();
}
