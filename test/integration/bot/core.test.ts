// The real bot process (Bolt App + SocketModeReceiver + WebClient) against the Slack stand-in.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
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

test('a 429 from Slack is waited out (Retry-After) and the answer still arrives', async () => {
  // `/mm2 scaling` shows progress first: a chat.postMessage, later updated with the answer.
  standIn.failNext('chat.postMessage', { retryAfterSec: 1 }, 1);
  const reply = await command('scaling', USERS.viewer, CHANNEL, 30000);
  expect(textOf(reply)).toMatch(/ECS|scaling/i);
  expect(reply.postedVia).toBe('chat.postMessage');
  const posts = standIn.calls('chat.postMessage');
  expect(posts.some((c) => c.status === 429)).toBe(true);
});

test("quick answers travel in the command's ack: one socket frame, no Web API call", async () => {
  const calls = standIn.calls().length;
  const responseUrlPosts = standIn.responseUrlPosts().length;
  const help = await standIn.sendSlashCommand({ text: 'help', user_id: USERS.viewer, channel_id: CHANNEL });
  expect(help.payload).toMatchObject({ response_type: 'ephemeral' });
  expect(JSON.stringify(help.payload)).toContain('/mm2 status');
  const audit = await standIn.sendSlashCommand({
    text: 'audit 2',
    user_id: USERS.viewer,
    channel_id: CHANNEL,
  });
  expect(audit.payload).toMatchObject({ response_type: 'in_channel' });
  const answer = standIn.allMessages().at(-1)!;
  expect(answer).toMatchObject({ channel: CHANNEL, ephemeral: false });
  expect(answer.postedVia).toBe('ack');
  expect(textOf(answer)).toContain('/mm2 help');
  expect(
    standIn
      .calls()
      .slice(calls)
      .map((c) => c.method),
  ).toEqual([]);
  expect(standIn.responseUrlPosts()).toHaveLength(responseUrlPosts);
});

test('/healthz and /metrics: commands, latencies and socket reconnects are counted', async () => {
  const health = await fetch(`http://127.0.0.1:${bot.metricsPort}/healthz`);
  expect(health.status).toBe(200);
  expect(await health.json()).toMatchObject({ ok: true, mode: 'slack', socket: 'connected' });
  const metrics = await (await fetch(`http://127.0.0.1:${bot.metricsPort}/metrics`)).text();
  expect(metrics).toMatch(/mm2_bot_commands_total\{verb="help",outcome="ok"\} [1-9]/);
  expect(metrics).toMatch(/mm2_bot_commands_total\{verb="deploy",outcome="refused"\} [1-9]/);
  expect(metrics).toMatch(/mm2_bot_command_duration_seconds_count\{verb="help"\} [1-9]/);
  expect(metrics).toMatch(/mm2_bot_socket_reconnects_total [1-9]/);
});

test('a wrong bot token stops the bot at start with a clear error, and never prints the token', async () => {
  const lab = await labEndpoints();
  const wrong = 'xoxb-wrong-0000-nottherighttoken';
  await expect(
    startBotProcess({ ...botEnv(standIn.apiUrl, lab), SLACK_BOT_TOKEN: wrong }, 30000),
  ).rejects.toThrow(/Slack refused the tokens \(invalid_auth\): check SLACK_BOT_TOKEN/);
  try {
    await startBotProcess({ ...botEnv(standIn.apiUrl, lab), SLACK_BOT_TOKEN: wrong }, 30000);
  } catch (error) {
    expect(String(error)).not.toContain(wrong);
  }
});

test('when Connect is slower than the ack budget, the ack goes out bare in time and the answer is posted', async () => {
  const lab = await labEndpoints();
  // Connect as a slow network would make it: every answer 2.5 s late, past the bot's 1.5 s budget.
  const slow = createServer((req, res) => {
    setTimeout(() => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{}');
    }, 2500);
  });
  await new Promise<void>((resolve) => slow.listen(0, '127.0.0.1', resolve));
  const port = (slow.address() as AddressInfo).port;
  await bot.stop();
  try {
    bot = await startBotProcess(botEnv(standIn.apiUrl, lab, { CONNECT_URL: `http://127.0.0.1:${port}` }));
    await standIn.waitFor(() => (standIn.openConnections === 1 ? true : undefined), 20000, 'one connection');
    const sent = Date.now();
    const ack = await standIn.sendSlashCommand({
      text: 'status',
      user_id: USERS.viewer,
      channel_id: CHANNEL,
    });
    expect(ack.payload).toEqual({});
    expect(Date.now() - sent).toBeLessThan(2500);
    const answer = await standIn.waitFor(
      () => standIn.allMessages().find((m) => m.postedVia === 'chat.postMessage' && m.history[0]!.at >= sent),
      20000,
      'the status posted after the ack',
    );
    expect(textOf(answer)).toMatch(/not deployed|mm2-source/i);
  } finally {
    slow.closeAllConnections();
    slow.close();
  }
});

test('with Connect, Prometheus and AWS unreachable the bot still starts, answers help and audit, and names what is down', async () => {
  const lab = await labEndpoints();
  const closed = 'http://127.0.0.1:9'; // the discard port: nothing listens on loopback
  await bot.stop();
  bot = await startBotProcess(
    botEnv(standIn.apiUrl, lab, { CONNECT_URL: closed, PROMETHEUS_URL: closed, AWS_ENDPOINT_URL: closed }),
  );
  await standIn.waitForConnection({ minCount: 1, timeoutMs: 20000 });
  await standIn.waitFor(
    () => (standIn.openConnections === 1 ? true : undefined),
    20000,
    'one open connection',
  );
  expect(textOf(await command('help', USERS.viewer))).toContain('/mm2 status');
  expect(textOf(await command('audit 3', USERS.viewer))).toContain('Audit');
  const status = textOf(await command('status', USERS.viewer, CHANNEL, 60000));
  expect(status).toMatch(/Kafka Connect.*(unreachable|not reachable)|CONNECT_UNREACHABLE/i);
  expect(status).toContain('127.0.0.1:9');
  const scaling = textOf(await command('scaling', USERS.viewer, CHANNEL, 60000));
  expect(scaling).toMatch(/AWS|ECS/);
  expect(scaling).toMatch(/unreachable|AWS_UNREACHABLE|could not reach/i);
});

test('logs are JSON and never contain a token', () => {
  const json = bot.lines.filter((l) => l.startsWith('{'));
  expect(json.length).toBeGreaterThan(3);
  for (const line of bot.lines) {
    expect(line).not.toContain(TOKENS.bot);
    expect(line).not.toContain(TOKENS.app);
  }
});
