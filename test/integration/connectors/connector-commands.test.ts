// The connector commands against the lab's real Connect and Kafka: deploy, no-change redeploy,
// pause/resume without loss, refusal of a config Connect rejects. Uses a profile of its own
// (own connector and topic names) so the lab's mm2-* connectors are left alone.
import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CommandContext } from '../../../bot/commands/command';
import type { View } from '../../../bot/views/view';
import { createConnectorCommands } from '../../../bot/commands/connectors';
import type { UndiciConnectClient } from '../../../bot/adapters/connect/undici-connect-client';
import type { ConnectorDeps } from '../../../bot/usecases/connectors/deps';
import { consumeValues, eventually, produce, sleep, topicRecordCount, createTopics } from '../../lab/clients';
import { labEndpoints, type LabEndpoints } from '../../lab/endpoints';
import { labDeps, removeTestMigration, testMigration, type TestMigration } from './lab-connector-deps';

const run = randomUUID().slice(0, 8);
let lab: LabEndpoints;
let migration: TestMigration;
let deps: ConnectorDeps;
let client: UndiciConnectClient;
const calls: string[] = [];
let topic: string;

const ctx = (progress: string[] = []): CommandContext => ({
  user: 'U-it',
  channel: 'C-it',
  correlationId: `it-${run}`,
  reply: {
    progress: async (t) => void progress.push(t),
    done: async () => undefined,
    attach: async () => undefined,
  },
});

function spec(verb: string) {
  const found = createConnectorCommands(deps).find((s) => s.verb === verb);
  if (!found) throw new Error(`no ${verb} command`);
  return found;
}

async function runCommand(verb: string, args: string[]): Promise<View> {
  const s = spec(verb);
  const parsed = s.parse(args);
  if (!parsed.ok) throw new Error(parsed.error);
  return s.run(ctx(), parsed.args);
}

/** Reads the whole topic for a few seconds at a time until it holds exactly the expected distinct values. */
async function distinctValuesReach(bootstrap: string, expected: string[]): Promise<Set<string>> {
  const want = new Set(expected);
  return eventually(
    `${expected.length} distinct records on ${bootstrap} ${topic}`,
    async () => {
      const seen = new Set(await consumeValues(bootstrap, topic, Number.MAX_SAFE_INTEGER, 6_000));
      return seen.size >= want.size ? seen : undefined;
    },
    90_000,
    0,
  );
}

const values = (from: number, n: number) => Array.from({ length: n }, (_, i) => `${run}-${from + i}`);

beforeAll(async () => {
  lab = await labEndpoints();
  migration = testMigration(lab, run);
  ({ deps, client } = labDeps(lab, migration, calls));
  topic = `${migration.topicPrefix}.orders`;
  await createTopics(lab.source, [{ topic, numPartitions: 2 }]);
});

afterAll(() => removeTestMigration(lab, migration, topic, client));

describe('connector commands on the lab', () => {
  it('deploy all: the three connectors run and records arrive on the target under the same topic name', async () => {
    const preview = await spec('deploy').preview!(ctx(), { target: 'all', dryRun: false });
    expect(preview.nothingToDo).toBe(false);
    expect(JSON.stringify(preview)).toContain(`${migration.names.source}: new connector`);
    const progress: string[] = [];
    const view = await spec('deploy').run(ctx(progress), { target: 'all', dryRun: false });
    const names = Object.values(migration.names);
    expect(view.text).toBe(`Deploy it-${run}: ${names.map((n) => `${n} RUNNING`).join(', ')}`);
    expect(progress.some((p) => p.startsWith('Applying'))).toBe(true);
    await produce(lab.source, topic, values(0, 50));
    expect(await distinctValuesReach(lab.target, values(0, 50))).toEqual(new Set(values(0, 50)));
  });

  it('redeploy: "no change", and nothing is applied or restarted', async () => {
    const before = await client.status(migration.names.source);
    calls.length = 0;
    const preview = await spec('deploy').preview!(ctx(), { target: 'all', dryRun: false });
    expect(preview.nothingToDo).toBe(true);
    const view = await runCommand('deploy', ['all']);
    expect(view.text).toBe(`Deploy it-${run}: no change, nothing applied or restarted`);
    expect(calls).toEqual([]);
    const after = await client.status(migration.names.source);
    expect(after?.tasks.map((t) => [t.id, t.state, t.worker_id])).toEqual(
      before?.tasks.map((t) => [t.id, t.state, t.worker_id]),
    );
  });

  it('pause stops the copy; resume brings every record, none lost', async () => {
    const paused = await runCommand('pause', [migration.names.source]);
    expect(paused.text).toBe(`Paused ${migration.names.source}: ${migration.names.source} PAUSED`);
    const onTarget = await topicRecordCount(lab.target, topic);
    await produce(lab.source, topic, values(50, 40));
    await sleep(12_000); // more than two topic refreshes and offset flushes
    expect(await topicRecordCount(lab.target, topic)).toBe(onTarget);

    const resumed = await runCommand('resume', [migration.names.source]);
    expect(resumed.text).toBe(`Resumed ${migration.names.source}: ${migration.names.source} RUNNING`);
    const sourceValues = await consumeValues(lab.source, topic, 90, 30_000);
    expect(new Set(sourceValues)).toEqual(new Set(values(0, 90)));
    expect(await distinctValuesReach(lab.target, values(0, 90))).toEqual(new Set(sourceValues));
  });

  it('status, config and offsets describe the running connectors', async () => {
    const status = await runCommand('status', []);
    for (const name of Object.values(migration.names)) expect(status.text).toContain(`${name} RUNNING`);
    const config = await runCommand('config', [migration.names.source]);
    expect(JSON.stringify(config)).toContain('IdentityReplicationPolicy');
    const offsets = await eventually(
      'committed offsets for the test topic',
      async () => {
        const view = await runCommand('offsets', [migration.names.source]);
        return JSON.stringify(view).includes(topic) ? view : undefined;
      },
      60_000,
    );
    expect(offsets.text).toContain('2 partition(s)');
    const restart = await spec('restart').preview!(ctx(), { target: 'all', failedOnly: true });
    expect(restart.nothingToDo).toBe(true);
  });

  it("an unknown converter is refused before apply with Connect's message for the field", async () => {
    const file = join(migration.templatesDir, 'mirror-source.yml');
    const original = readFileSync(file, 'utf8');
    writeFileSync(
      file,
      original.replace(
        'key.converter: org.apache.kafka.connect.converters.ByteArrayConverter',
        'key.converter: com.example.NoSuchConverter',
      ),
    );
    try {
      calls.length = 0;
      const error = await spec('deploy').preview!(ctx(), { target: 'all', dryRun: false }).catch(
        (e: unknown) => e,
      );
      expect(error).toMatchObject({ code: 'CONNECT_REJECTED' });
      expect((error as Error).message).toContain(
        `${migration.names.source} key.converter: Invalid value com.example.NoSuchConverter`,
      );
      expect((error as Error).message).toContain('could not be found');
      await expect(runCommand('deploy', ['all'])).rejects.toMatchObject({ code: 'CONNECT_REJECTED' });
      expect(calls).toEqual([]);
      const running = await client.getConfig(migration.names.source);
      expect(running?.['key.converter']).toBe('org.apache.kafka.connect.converters.ByteArrayConverter');
    } finally {
      writeFileSync(file, original);
    }
  });

  it('stop, then resume, reports each resulting state', async () => {
    const stopped = await runCommand('stop', [migration.names.heartbeat]);
    expect(stopped.text).toBe(`Stopped ${migration.names.heartbeat}: ${migration.names.heartbeat} STOPPED`);
    const resumed = await runCommand('resume', [migration.names.heartbeat]);
    expect(resumed.text).toBe(`Resumed ${migration.names.heartbeat}: ${migration.names.heartbeat} RUNNING`);
    const restarted = await runCommand('restart', [migration.names.heartbeat]);
    expect(restarted.text).toBe(
      `Restarted ${migration.names.heartbeat}: ${migration.names.heartbeat} RUNNING`,
    );
  });
});
