import { ErrorCode, WebClient, WebClientEvent, type WebAPICallError } from '@slack/web-api';
import { silentLogger, standInClientOptions } from '../../slack-standin/bolt-against-stand-in';
import { SlackStandIn } from '../../slack-standin/slack-stand-in';

jest.setTimeout(20_000);

const botToken = 'xoxb-stand-in-bot';
const appToken = 'xapp-stand-in-app';

async function platformError(p: Promise<unknown>): Promise<{ error: string; messages?: string[] }> {
  try {
    await p;
  } catch (e) {
    const err = e as WebAPICallError;
    if (err.code !== ErrorCode.PlatformError) throw e;
    const data = err.data as { error: string; response_metadata?: { messages?: string[] } };
    return {
      error: data.error,
      ...(data.response_metadata?.messages ? { messages: data.response_metadata.messages } : {}),
    };
  }
  throw new Error('expected a platform error');
}

const section = (text: string) => ({ type: 'section', text: { type: 'mrkdwn', text } });

describe('the Web API of the stand-in, called by the real WebClient', () => {
  let standIn: SlackStandIn;
  let client: WebClient;

  beforeAll(async () => {
    standIn = await SlackStandIn.start({ botToken, appToken, usergroups: { S0OPS: ['U1', 'U2'] } });
    client = new WebClient(botToken, { ...standInClientOptions(standIn.apiUrl), logger: silentLogger() });
  });

  afterAll(async () => {
    await standIn?.stop();
  });

  beforeEach(() => standIn.reset());

  it('posts and updates a message, keeping every version', async () => {
    const posted = await client.chat.postMessage({
      channel: 'C1',
      text: 'working…',
      blocks: [section('step 1')],
    });
    expect(posted.ts).toMatch(/^\d+\.\d{6}$/);
    await client.chat.update({
      channel: 'C1',
      ts: posted.ts as string,
      text: 'done',
      blocks: [section('step 2')],
    });
    const m = standIn.lastMessage('C1');
    expect(m?.text).toBe('done');
    expect(m?.history.map((v) => v.text)).toEqual(['working…', 'done']);
    expect(standIn.calls('chat.update')[0]?.args.ts).toBe(posted.ts);
    expect(standIn.calls('chat.update')[0]?.args).not.toHaveProperty('token');
  });

  it('threads replies and records ephemerals for their user', async () => {
    const parent = await client.chat.postMessage({ channel: 'C1', text: 'alert' });
    await client.chat.postMessage({ channel: 'C1', text: 'detail', thread_ts: parent.ts as string });
    await client.chat.postEphemeral({ channel: 'C1', user: 'U7', text: 'only you' });
    expect(standIn.messagesIn('C1', { threadTs: parent.ts as string }).map((m) => m.text)).toEqual([
      'detail',
    ]);
    expect(standIn.messagesIn('C1')).toHaveLength(2);
    expect(standIn.ephemeralsFor('U7').map((m) => m.text)).toEqual(['only you']);
  });

  it('answers message_not_found for chat.update of an unknown ts', async () => {
    expect(await platformError(client.chat.update({ channel: 'C1', ts: '1.000001', text: 'x' }))).toEqual({
      error: 'message_not_found',
    });
  });

  it.each([
    ['51 blocks', Array.from({ length: 51 }, (_, i) => section(`b${i}`)), '/blocks'],
    ['section text of 3001', [section('x'.repeat(3001))], '/blocks/0/text/text'],
    [
      'header text of 151',
      [{ type: 'header', text: { type: 'plain_text', text: 'h'.repeat(151) } }],
      '/blocks/0/text/text',
    ],
    [
      'button value of 2001',
      [
        {
          type: 'actions',
          elements: [
            {
              type: 'button',
              action_id: 'a',
              text: { type: 'plain_text', text: 'A' },
              value: 'v'.repeat(2001),
            },
          ],
        },
      ],
      '/blocks/0/elements/0/value',
    ],
    [
      'action_id of 256',
      [
        {
          type: 'actions',
          elements: [{ type: 'button', action_id: 'a'.repeat(256), text: { type: 'plain_text', text: 'A' } }],
        },
      ],
      '/blocks/0/elements/0/action_id',
    ],
    ['block_id of 256', [{ ...section('ok'), block_id: 'b'.repeat(256) }], '/blocks/0/block_id'],
  ])('refuses %s with invalid_blocks and a json-pointer message', async (_name, blocks, pointer) => {
    const r = await platformError(client.chat.postMessage({ channel: 'C1', text: 'fallback', blocks }));
    expect(r.error).toBe('invalid_blocks');
    expect(r.messages?.some((m) => m.startsWith('[ERROR]') && m.includes(`[json-pointer:${pointer}]`))).toBe(
      true,
    );
    expect(standIn.messagesIn('C1')).toHaveLength(0);
  });

  it('accepts a message exactly at the limits', async () => {
    const blocks = [
      { type: 'header', text: { type: 'plain_text', text: 'h'.repeat(150) } },
      ...Array.from({ length: 48 }, (_, i) => ({ ...section('s'.repeat(3000)), block_id: `b${i}` })),
      {
        type: 'actions',
        elements: [
          {
            type: 'button',
            action_id: 'a'.repeat(255),
            text: { type: 'plain_text', text: 'A' },
            value: 'v'.repeat(2000),
          },
        ],
      },
    ];
    await expect(client.chat.postMessage({ channel: 'C1', text: 'ok', blocks })).resolves.toMatchObject({
      ok: true,
    });
  });

  it('answers no_text for a message without text or blocks, msg_too_long past 40 000 characters', async () => {
    expect((await platformError(client.chat.postMessage({ channel: 'C1', text: '' }))).error).toBe('no_text');
    expect(
      (await platformError(client.chat.postMessage({ channel: 'C1', text: 'x'.repeat(40_001) }))).error,
    ).toBe('msg_too_long');
  });

  it('accepts blocks as a JSON string in a JSON body, like Slack', async () => {
    const res = await fetch(`${standIn.apiUrl}chat.postMessage`, {
      method: 'POST',
      headers: { authorization: `Bearer ${botToken}`, 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify({
        channel: 'C2',
        text: 'json',
        blocks: JSON.stringify([section('from a string')]),
      }),
    });
    expect(await res.json()).toMatchObject({ ok: true, channel: 'C2' });
    expect(standIn.lastMessage('C2')?.blocks).toEqual([section('from a string')]);
  });

  it('refuses a wrong token with invalid_auth, a missing one with not_authed, the app token on chat with not_allowed_token_type', async () => {
    const opts = { ...standInClientOptions(standIn.apiUrl), logger: silentLogger() };
    expect((await platformError(new WebClient('xoxb-wrong', opts).auth.test())).error).toBe('invalid_auth');
    expect((await platformError(new WebClient(undefined, opts).auth.test())).error).toBe('not_authed');
    const appClient = new WebClient(appToken, opts);
    expect((await platformError(appClient.chat.postMessage({ channel: 'C1', text: 'x' }))).error).toBe(
      'not_allowed_token_type',
    );
    expect((await platformError(client.apps.connections.open())).error).toBe('not_allowed_token_type');
    await expect(appClient.apps.connections.open()).resolves.toMatchObject({
      url: expect.stringMatching(/^ws:\/\//),
    });
  });

  it('rate-limits with 429 and Retry-After, and the WebClient waits and retries', async () => {
    standIn.setRateLimit({ perMethod: { 'chat.postMessage': 1 }, windowMs: 1000 });
    const limited: number[] = [];
    const rateClient = new WebClient(botToken, {
      ...standInClientOptions(standIn.apiUrl),
      logger: silentLogger(),
    });
    rateClient.on(WebClientEvent.RATE_LIMITED, (sec: number) => limited.push(sec));
    try {
      await rateClient.chat.postMessage({ channel: 'C3', text: 'first' });
      const started = Date.now();
      await rateClient.chat.postMessage({ channel: 'C3', text: 'second' });
      expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    } finally {
      standIn.setRateLimit({});
    }
    expect(limited).toEqual([1]);
    const statuses = standIn.calls('chat.postMessage').map((c) => c.status);
    expect(statuses).toEqual([200, 429, 200]);
    expect(standIn.messagesIn('C3').map((m) => m.text)).toEqual(['first', 'second']);
  });

  it('can inject a one-off failure', async () => {
    standIn.failNext('chat.postMessage', { error: 'channel_not_found' });
    expect((await platformError(client.chat.postMessage({ channel: 'C9', text: 'x' }))).error).toBe(
      'channel_not_found',
    );
    await expect(client.chat.postMessage({ channel: 'C9', text: 'x' })).resolves.toMatchObject({ ok: true });
  });

  it('lists user group members and answers no_such_subteam for unknown groups', async () => {
    await expect(client.usergroups.users.list({ usergroup: 'S0OPS' })).resolves.toMatchObject({
      users: ['U1', 'U2'],
    });
    standIn.setUsergroup('S0OPS', ['U3']);
    await expect(client.usergroups.users.list({ usergroup: 'S0OPS' })).resolves.toMatchObject({
      users: ['U3'],
    });
    expect((await platformError(client.usergroups.users.list({ usergroup: 'S0NONE' }))).error).toBe(
      'no_such_subteam',
    );
  });

  it('records a files.uploadV2 upload with its bytes, channel and thread', async () => {
    const parent = await client.chat.postMessage({ channel: 'C4', text: 'report' });
    const csv = 'topic,lag\nörders,12\n';
    const res = await client.files.uploadV2({
      channel_id: 'C4',
      thread_ts: parent.ts as string,
      filename: 'lag.csv',
      title: 'Lag',
      content: csv,
      initial_comment: 'full table',
    });
    expect(res.ok).toBe(true);
    const [file] = standIn.uploadedFiles();
    expect(file).toMatchObject({
      filename: 'lag.csv',
      title: 'Lag',
      channel: 'C4',
      threadTs: parent.ts,
      initialComment: 'full table',
    });
    expect(file?.bytes.toString('utf8')).toBe(csv);
    expect(file?.declaredLength).toBe(Buffer.byteLength(csv));
    const shared = standIn.messagesIn('C4', { threadTs: parent.ts as string });
    expect(shared.map((m) => [m.text, m.files.map((f) => f.id)])).toEqual([['full table', [file?.id]]]);
  });

  it('keeps the alt text Slack documents (alt_txt, at most 1,000 characters) and ignores alt_text', async () => {
    const described = await client.files.getUploadURLExternal({
      filename: 'a.png',
      length: 0,
      alt_txt: 'Records lag per topic',
    } as Parameters<typeof client.files.getUploadURLExternal>[0]);
    const undocumented = await client.files.getUploadURLExternal({
      filename: 'b.png',
      length: 0,
      alt_text: 'x',
    });
    for (const id of [described.file_id, undocumented.file_id])
      await client.files.completeUploadExternal({ files: [{ id: id as string }], channel_id: 'C4' });
    expect(standIn.uploadedFiles().map((f) => [f.filename, f.altText])).toEqual([
      ['a.png', 'Records lag per topic'],
      ['b.png', undefined],
    ]);
    const tooLong = client.files.getUploadURLExternal({
      filename: 'c.png',
      length: 1,
      alt_txt: 'x'.repeat(1001),
    } as Parameters<typeof client.files.getUploadURLExternal>[0]);
    expect((await platformError(tooLong)).error).toBe('alt_txt_too_large');
  });
});
