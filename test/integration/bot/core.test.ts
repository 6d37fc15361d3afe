// The real bot process (Bolt App + SocketModeReceiver + WebClient) against the Slack stand-in.
import fc from 'fast-check';
import { SlackStandIn } from '../../slack-standin';
import { labEndpoints } from '../../lab/endpoints';
import { botEnv, CHANNEL, TOKENS, USERS, APPROVER_GROUP } from './bot-env';
import { startBotProcess, type BotProcess } from './bot-process';
import type { StoredMessage } from '../../slack-standin/types';

let standIn: SlackStandIn;
let bot: BotProcess;

const textOf = (m: StoredMessage | undefined) => JSON.stringify({ text: m?.text, blocks: m?.blocks });

/** Sends `/mm2 <text>` and resolves with the first reply (ephemeral or in channel) that follows it. */
async function command(
  text: string,
  user: string,
  channel = CHANNEL,
  timeoutMs = 15000,
): Promise<StoredMessage> {
  const before = new Set(standIn.allMessages().map((m) => m));
  await standIn.sendSlashCommand({ text, user_id: user, channel_id: channel });
  return standIn.waitFor(
    () =>
      standIn
        .allMessages()
        .find(
          (m) =>
            !before.has(m) &&
            (m.visibleTo === undefined || m.visibleTo === user) &&
            m.files.length === 0 &&
            !/hourglass/.test(textOf(m)),
        ),
    timeoutMs,
    `a reply to /mm2 ${text.slice(0, 40)}`,
  );
}

beforeAll(async () => {
  const lab = await labEndpoints();
  standIn = await SlackStandIn.start({
    botToken: TOKENS.bot,
    appToken: TOKENS.app,
    usergroups: { [APPROVER_GROUP]: [USERS.groupApprover] },
  });
  bot = await startBotProcess(botEnv(standIn.apiUrl, lab));
  await standIn.waitForConnection({ timeoutMs: 15000 });
});

afterAll(async () => {
  await bot?.stop();
  await standIn?.stop();
});

test('help lists only what the caller may run', async () => {
  const viewerHelp = textOf(await command('help', USERS.viewer));
  expect(viewerHelp).toContain('/mm2 status');
  expect(viewerHelp).toContain('/mm2 lag');
  expect(viewerHelp).not.toContain('/mm2 deploy');
  expect(viewerHelp).not.toContain('/mm2 pause');
  const approverHelp = textOf(await command('help', USERS.approver1));
  expect(approverHelp).toContain('/mm2 deploy');
});

test('a user group binding gives its members the role (usergroups.users.list)', async () => {
  expect(textOf(await command('help', USERS.groupApprover))).toContain('/mm2 deploy');
  expect(standIn.calls('usergroups.users.list').length).toBeGreaterThan(0);
});

test('audit shows the recent commands', async () => {
  await command('help', USERS.viewer);
  const audit = textOf(await command('audit 5', USERS.viewer));
  expect(audit).toContain('/mm2 help');
  expect(audit).toContain(USERS.viewer);
});

test('a channel not in MM2_CHANNELS is refused', async () => {
  const reply = await command('help', USERS.approver1, 'C0ELSEWHERE');
  expect(textOf(reply)).toContain('I only answer in');
  expect(reply.visibleTo).toBe(USERS.approver1);
});

test('an unknown verb gets a suggestion; a viewer is told which role is missing', async () => {
  expect(textOf(await command('stauts', USERS.viewer))).toContain('Did you mean `status`');
  expect(textOf(await command('deploy all', USERS.viewer))).toContain(
    'needs the *operator* role; you have *viewer*',
  );
});

test('after a disconnect frame the bot reconnects and answers the next command', async () => {
  const connections = standIn.connectionCount;
  await standIn.disconnect('refresh_requested');
  await standIn.waitForConnection({ minCount: connections + 1, timeoutMs: 30000 });
  expect(textOf(await command('help', USERS.viewer))).toContain('/mm2 status');
});

test('hostile input: 200 generated lines each get a clear reply within limits, no mention, no secret, no crash', async () => {
  const hostile = fc.oneof(
    fc.string({ maxLength: 60 }),
    fc.constantFrom(
      '<!channel>',
      '<!here> deploy',
      '<@U123> help',
      'lag ../../etc/passwd',
      'status $(rm -rf /)',
      'lag `id`; echo',
      'lag ((((',
      'status "unclosed',
      'audit 99999999999',
      'audit -1',
      '\u202e\u0000\ud83d\ude00 lag',
    ),
    fc.string({ minLength: 10000, maxLength: 10000 }),
    fc
      .tuple(
        fc.constantFrom('help', 'status', 'lag', 'audit', 'config', 'offsets', 'deploy', 'pausee'),
        fc.string({ unit: 'binary', maxLength: 300 }),
      )
      .map(([verb, rest]) => `${verb} ${rest}`),
  );
  const lines = fc.sample(hostile, { numRuns: 200, seed: 42 });
  expect(lines).toHaveLength(200);
  for (const line of lines) {
    const reply = await command(line, USERS.viewer, CHANNEL, 20000);
    expect({ line, text: reply.text.length > 0 }).toEqual({ line, text: true });
    expect((reply.blocks ?? []).length).toBeLessThanOrEqual(50);
  }
  expect(standIn.mentionsPosted()).toEqual([]);
  for (const text of standIn.postedTexts()) {
    expect(text).not.toContain(TOKENS.bot);
    expect(text).not.toContain(TOKENS.app);
  }
  expect(bot.child.exitCode).toBeNull();
  const errors = standIn.calls().filter((c) => c.result && (c.result as { ok?: boolean }).ok === false);
  expect(errors.map((c) => `${c.method}: ${(c.result as { error?: string }).error}`)).toEqual([]);
});

test('logs are JSON and never contain a token', () => {
  const json = bot.lines.filter((l) => l.startsWith('{'));
  expect(json.length).toBeGreaterThan(3);
  for (const line of bot.lines) {
    expect(line).not.toContain(TOKENS.bot);
    expect(line).not.toContain(TOKENS.app);
  }
});
