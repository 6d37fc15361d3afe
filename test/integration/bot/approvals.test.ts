// Approvals through the real bot process: two approvers at the same moment run a deploy exactly once,
// and a request pending when the bot is SIGKILLed can be approved after a restart.
import { randomUUID } from 'node:crypto';
import { FileStateStore } from '../../../bot/adapters/store/file-state-store';
import type { AuditRecord } from '../../../bot/ports/audit-log';
import { StoreAuditLog } from '../../../bot/usecases/audit/store-audit-log';
import { SlackStandIn } from '../../slack-standin';
import { labEndpoints, type LabEndpoints } from '../../lab/endpoints';
import { createTopics } from '../../lab/clients';
import { botEnv, CHANNEL, testProfile, TOKENS, USERS } from './bot-env';
import { startBotProcess, type BotProcess } from './bot-process';
import type { StoredMessage } from '../../slack-standin/types';

const APPROVE = 'mm2_approval_approve';
let standIn: SlackStandIn;
let lab: LabEndpoints;
const started: BotProcess[] = [];
const connectorsToDelete: string[] = [];

const textOf = (m: StoredMessage) => JSON.stringify({ text: m.text, blocks: m.blocks });

async function startBot(env: Record<string, string>): Promise<BotProcess> {
  const connections = standIn.openConnections;
  const bot = await startBotProcess(env);
  started.push(bot);
  await standIn.waitForConnection({ minCount: connections + 1, timeoutMs: 20000 });
  return bot;
}

/** Asks for `/mm2 deploy` of a fresh profile and resolves with the approval request message. */
async function requestDeploy(name: string): Promise<StoredMessage> {
  await standIn.sendSlashCommand({ text: 'deploy all', user_id: USERS.operator, channel_id: CHANNEL });
  return standIn.waitFor(
    () =>
      standIn
        .messagesIn(CHANNEL)
        .find(
          (m) =>
            (m.blocks?.some((b) => b.type === 'actions') && textOf(m).includes(`${name}-source`)) ||
            (m.blocks?.some((b) => b.type === 'actions') && m.text.includes('deploy')),
        ),
    30000,
    'the approval request',
  );
}

/** The approval message once it shows the outcome of the approved run (done or failed). */
function outcomeOf(request: StoredMessage, what: string): Promise<StoredMessage> {
  return standIn.waitFor(
    () => {
      const message = standIn.message(CHANNEL, request.ts);
      return message && /done|failed/.test(message.text) ? message : undefined;
    },
    120000,
    what,
  );
}

/** The audit trail as the bot's own reader sees it (batches of records included). */
async function auditRecords(stateDir: string): Promise<AuditRecord[]> {
  const reader = new StoreAuditLog({
    store: new FileStateStore({ dir: stateDir }),
    clock: { now: () => Date.now() },
    redactor: { text: (s) => s },
  });
  return reader.recent(1000);
}

beforeAll(async () => {
  lab = await labEndpoints();
  standIn = await SlackStandIn.start({ botToken: TOKENS.bot, appToken: TOKENS.app });
});

afterAll(async () => {
  for (const bot of started) await bot.stop('SIGKILL');
  for (const name of connectorsToDelete)
    await fetch(`${lab.connect}/connectors/${name}`, { method: 'DELETE' }).catch(() => undefined);
  await standIn.stop();
});

test('two approvers click Approve at the same moment: one execution, one audit record of it', async () => {
  const name = `e2e-${randomUUID().slice(0, 6)}`;
  const topic = `${name}.orders`;
  await createTopics(lab.source, [{ topic, numPartitions: 1 }]);
  connectorsToDelete.push(`${name}-source`, `${name}-checkpoint`, `${name}-heartbeat`);
  const env = botEnv(standIn.apiUrl, lab, { MM2_PROFILE: testProfile(name, topic, lab) });
  await startBot(env);

  const request = await requestDeploy(name);
  expect(textOf(request)).toContain(
    'needs approval by an *approver* other than the requester'.replace('needs', 'Needs'),
  );
  const value = JSON.stringify(request.blocks).match(/"value":"([A-Za-z0-9_-]+)"/)?.[1];
  expect(value).toBeDefined();

  // The requester may not approve their own peer request.
  await standIn.clickButton({
    message: { channel: CHANNEL, ts: request.ts },
    action_id: APPROVE,
    user_id: USERS.operator,
  });
  await standIn.waitFor(
    () => standIn.ephemeralsFor(USERS.operator, CHANNEL).find((m) => /approver|requester/i.test(m.text)),
    10000,
    'the refusal',
  );

  const clicks = await Promise.all([
    standIn.clickButton({
      message: { channel: CHANNEL, ts: request.ts },
      action_id: APPROVE,
      user_id: USERS.approver1,
    }),
    standIn.clickButton({
      message: { channel: CHANNEL, ts: request.ts },
      action_id: APPROVE,
      user_id: USERS.approver2,
    }),
    standIn.clickButton({
      message: { channel: CHANNEL, ts: request.ts },
      action_id: APPROVE,
      user_id: USERS.approver2,
    }),
  ]);
  expect(clicks.every((c) => c.ackLatencyMs < 3000)).toBe(true);

  const done = await outcomeOf(request, 'the deploy outcome');
  expect(done!.text).toContain('done');
  expect(JSON.stringify(done!.blocks)).not.toContain(APPROVE);

  const stateDir = env.MM2_STATE!.slice('file:'.length);
  let records: AuditRecord[] = [];
  for (const deadline = Date.now() + 10000; Date.now() < deadline;) {
    records = await auditRecords(stateDir);
    if (records.some((r) => r.outcome === 'ok')) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  expect(records.filter((r) => r.command === 'deploy' && r.outcome === 'approved')).toHaveLength(1);
  expect(records.filter((r) => r.command === 'deploy' && r.outcome === 'ok')).toHaveLength(1);
  // The losing clicks were told it was already decided.
  const told = standIn
    .ephemeralsFor(USERS.approver1, CHANNEL)
    .concat(standIn.ephemeralsFor(USERS.approver2, CHANNEL));
  expect(told.filter((m) => m.text.includes('Already decided')).length).toBeGreaterThanOrEqual(2);
  const status = (await (await fetch(`${lab.connect}/connectors/${name}-source/status`)).json()) as {
    connector: { state: string };
  };
  expect(status.connector.state).toBe('RUNNING');
});

test('a request pending when the bot is SIGKILLed can be approved after a restart', async () => {
  const name = `e2e-${randomUUID().slice(0, 6)}`;
  const topic = `${name}.orders`;
  await createTopics(lab.source, [{ topic, numPartitions: 1 }]);
  connectorsToDelete.push(`${name}-source`, `${name}-checkpoint`, `${name}-heartbeat`);
  const env = botEnv(standIn.apiUrl, lab, { MM2_PROFILE: testProfile(name, topic, lab) });
  for (const bot of started) await bot.stop();
  const first = await startBot(env);
  const request = await requestDeploy(name);

  await first.stop('SIGKILL');
  await startBot(env);
  await standIn.clickButton({
    message: { channel: CHANNEL, ts: request.ts },
    action_id: APPROVE,
    user_id: USERS.approver1,
  });
  const done = await outcomeOf(request, 'the deploy outcome after restart');
  expect(done!.text).toContain('done');
});
