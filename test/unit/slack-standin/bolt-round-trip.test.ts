import { RespondError, type App, type SocketModeReceiver } from '@slack/bolt';
import { boltAppAgainstStandIn, stopBoltApp } from '../../slack-standin/bolt-against-stand-in';
import { SlackStandIn } from '../../slack-standin/slack-stand-in';

jest.setTimeout(20_000);

const botToken = 'xoxb-stand-in-bot';
const appToken = 'xapp-stand-in-app';
const CHANNEL = 'C0MM2';

const approvalBlocks = (requestId: string) => [
  { type: 'section', block_id: 'req', text: { type: 'mrkdwn', text: `Deploy requested (${requestId})` } },
  {
    type: 'actions',
    block_id: 'decide',
    elements: [
      {
        type: 'button',
        action_id: 'approve',
        text: { type: 'plain_text', text: 'Approve' },
        value: requestId,
      },
      { type: 'button', action_id: 'reject', text: { type: 'plain_text', text: 'Reject' }, value: requestId },
    ],
  },
];

describe('a real Bolt app in Socket Mode against the stand-in', () => {
  let standIn: SlackStandIn;
  let app: App;
  let receiver: SocketModeReceiver;
  const seenEvents: string[] = [];
  const respondFailures: number[] = [];

  beforeAll(async () => {
    standIn = await SlackStandIn.start({ botToken, appToken, users: { U1: 'ana', U2: 'bo' } });
    ({ app, receiver } = boltAppAgainstStandIn({ apiUrl: standIn.apiUrl, botToken, appToken }));
    app.command('/mm2', async ({ ack, command, respond, say }) => {
      if (command.text === 'ack-text') {
        await ack({ text: 'on it' });
        return;
      }
      await ack();
      if (command.text === 'too-big') {
        const blocks = Array.from({ length: 51 }, () => ({ type: 'divider' as const }));
        // Bolt 5's respond() throws a RespondError carrying the HTTP status of the response_url post.
        await respond({ text: 'x', blocks }).catch((e: unknown) =>
          respondFailures.push(e instanceof RespondError ? e.statusCode : -1),
        );
        return;
      }
      if (command.text === 'deploy') {
        await say({ text: 'Approve deploy?', blocks: approvalBlocks('r-1') });
        return;
      }
      await respond({ text: `you said: ${command.text}` });
      await say(`in channel for <@${command.user_id}>`);
    });
    app.action('approve', async ({ ack, body, action, respond }) => {
      await ack();
      const value = 'value' in action ? action.value : '';
      await respond({ replace_original: true, text: `Approved ${value} by <@${body.user.id}>` });
    });
    app.event('app_mention', async ({ event }) => {
      seenEvents.push(event.text);
    });
    await app.start();
    await standIn.waitForConnection({ timeoutMs: 5000 });
  });

  afterAll(async () => {
    if (app && receiver) await stopBoltApp(app, receiver);
    await standIn?.stop();
  });

  it('verifies the bot token with auth.test and opens the socket with the app token', () => {
    expect(standIn.calls('auth.test').map((c) => c.result.ok)).toContain(true);
    expect(standIn.calls('apps.connections.open')[0]?.result.ok).toBe(true);
    expect(standIn.connectionCount).toBe(1);
  });

  it('delivers a slash command, measures the ack, and records respond() and say()', async () => {
    const ack = await standIn.sendSlashCommand({ text: 'hello', user_id: 'U1', channel_id: CHANNEL });
    expect(ack.ackLatencyMs).toBeGreaterThan(0);
    expect(ack.ackLatencyMs).toBeLessThan(3000);
    expect(ack.payload).toEqual({});

    const eph = await standIn.waitFor(
      () => standIn.ephemeralsFor('U1', CHANNEL)[0],
      5000,
      'the respond() reply',
    );
    expect(eph.text).toBe('you said: hello');
    expect(eph.postedVia).toBe('response_url');
    const said = await standIn.waitFor(() => standIn.lastMessage(CHANNEL), 5000, 'the say() message');
    expect(said.text).toBe('in channel for <@U1>');
    expect(said.postedVia).toBe('chat.postMessage');
    expect(standIn.responseUrlPosts().at(-1)).toMatchObject({ status: 200, url: ack.responseUrl });
    expect(standIn.ackLatency().count).toBeGreaterThanOrEqual(1);
  });

  it('round-trips a button click: the payload carries the clicked value and respond() replaces the message', async () => {
    await standIn.sendSlashCommand({ text: 'deploy', user_id: 'U1', channel_id: CHANNEL });
    const request = await standIn.waitForMessage(CHANNEL, (m) => m.text === 'Approve deploy?');

    const ack = await standIn.clickButton({ message: request, action_id: 'approve', user_id: 'U2' });
    expect(ack.payload).toEqual({});
    const interactive = standIn.envelopes().find((e) => e.envelopeId === ack.envelopeId);
    expect(interactive?.type).toBe('interactive');
    expect(interactive?.payload).toMatchObject({
      type: 'block_actions',
      user: { id: 'U2', name: 'bo' },
      actions: [{ action_id: 'approve', block_id: 'decide', value: 'r-1' }],
      container: { message_ts: request.ts, channel_id: CHANNEL },
    });

    await standIn.waitFor(() => request.history.length === 2, 5000, 'the replaced message');
    expect(request.text).toBe('Approved r-1 by <@U2>');
    expect(request.history.map((v) => v.via)).toEqual(['chat.postMessage', 'response_url']);
  });

  it('refuses a click on a button the message does not have', async () => {
    const msg = standIn.lastMessage(CHANNEL);
    if (msg === undefined) throw new Error('expected a message');
    await expect(standIn.clickButton({ message: msg, action_id: 'nope' })).rejects.toThrow(/no element/);
  });

  it('delivers events_api envelopes, which Bolt acks before the listener runs', async () => {
    const ack = await standIn.sendEvent({
      type: 'app_mention',
      user: 'U1',
      text: '<@U0STANDINBOT> hi',
      channel: CHANNEL,
    });
    expect(ack.envelopeId).toMatch(/.+/);
    await standIn.waitFor(() => seenEvents.includes('<@U0STANDINBOT> hi'), 5000, 'the event listener');
  });

  it('shows a response carried by the ack as an ephemeral to the caller', async () => {
    const ack = await standIn.sendSlashCommand({ text: 'ack-text', user_id: 'U2', channel_id: CHANNEL });
    expect(ack.payload).toEqual({ text: 'on it' });
    expect(standIn.ephemeralsFor('U2', CHANNEL).map((m) => [m.text, m.postedVia])).toEqual([
      ['on it', 'ack'],
    ]);
  });

  it('answers a response_url post over the limits with HTTP 400 invalid_blocks, which respond() surfaces', async () => {
    await standIn.sendSlashCommand({ text: 'too-big', user_id: 'U1', channel_id: CHANNEL });
    await standIn.waitFor(() => respondFailures.length > 0, 5000, 'the refused respond()');
    expect(respondFailures).toEqual([400]);
    expect(standIn.responseUrlPosts().at(-1)).toMatchObject({ status: 400, error: 'invalid_blocks' });
  });

  it('rejects a send when the ack does not come in time', async () => {
    // No listener for /other: Bolt never acks it, as Slack would see with an app that ignores a command.
    await expect(standIn.sendSlashCommand({ command: '/other', timeoutMs: 300 })).rejects.toThrow(/no ack/);
    expect(standIn.envelopes().at(-1)?.timedOut).toBe(true);
  });
});
