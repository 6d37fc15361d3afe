// A task that fails on its first record (a Cast transform MM2's byte records cannot take) shows as FAILED in
// /mm2 status with a short trace; a deploy without the transform brings it back and the records arrive.
import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import type { CommandContext } from '../../../bot/commands/command';
import type { View } from '../../../bot/views/view';
import { createConnectorCommands } from '../../../bot/commands/connectors';
import type { UndiciConnectClient } from '../../../bot/adapters/connect/undici-connect-client';
import type { ConnectorDeps } from '../../../bot/usecases/connectors/deps';
import { consumeValues, eventually, produce, createTopics } from '../../lab/clients';
import { labEndpoints, type LabEndpoints } from '../../lab/endpoints';
import { labDeps, removeTestMigration, testMigration, type TestMigration } from './lab-connector-deps';

const run = randomUUID().slice(0, 8);
let lab: LabEndpoints;
let migration: TestMigration;
let deps: ConnectorDeps;
let client: UndiciConnectClient;
let topic: string;
let cleanProfile: string;

const ctx: CommandContext = {
  user: 'U-it',
  channel: 'C-it',
  correlationId: `it-${run}`,
  reply: { progress: async () => undefined, done: async () => undefined, attach: async () => undefined },
};

async function runCommand(verb: string, args: string[]): Promise<View> {
  const spec = createConnectorCommands(deps).find((s) => s.verb === verb)!;
  const parsed = spec.parse(args);
  if (!parsed.ok) throw new Error(parsed.error);
  return spec.run(ctx, parsed.args);
}

beforeAll(async () => {
  lab = await labEndpoints();
  migration = testMigration(lab, run);
  ({ deps, client } = labDeps(lab, migration, []));
  topic = `${migration.topicPrefix}.payments`;
  cleanProfile = readFileSync(migration.profileFile, 'utf8');
  writeFileSync(
    migration.profileFile,
    `${cleanProfile}overrides:\n  source:\n    transforms: breakit\n    transforms.breakit.type: org.apache.kafka.connect.transforms.Cast$Value\n    transforms.breakit.spec: int32\n`,
  );
  await createTopics(lab.source, [{ topic, numPartitions: 1 }]);
  await produce(lab.source, topic, ['a', 'b', 'c']);
});

afterAll(() => removeTestMigration(lab, migration, topic, client));

test('a failed task shows as FAILED with a short trace; a fixed deploy brings the records', async () => {
  const deployed = await runCommand('deploy', [migration.names.source]);
  expect(deployed.text).toContain(migration.names.source);

  const status = await eventually(
    'a FAILED task in /mm2 status',
    async () => {
      const view = await runCommand('status', [migration.names.source]);
      return view.text.includes('failed') ? view : undefined;
    },
    90_000,
  );
  const text = JSON.stringify(status);
  expect(status.text).toMatch(/\(\d+ failed\)/);
  expect(text).toContain('Caused by:');
  expect(text).toMatch(/Cast|BYTES|DataException/);
  expect(text).not.toMatch(/\\tat org\.apache/); // stack frames are left out

  writeFileSync(migration.profileFile, cleanProfile);
  const fixed = await runCommand('deploy', [migration.names.source]);
  expect(fixed.text).toBe(`Deploy it-${run}: ${migration.names.source} RUNNING`);
  const arrived = await consumeValues(lab.target, topic, 3, 60_000);
  expect(new Set(arrived)).toEqual(new Set(['a', 'b', 'c']));
});
