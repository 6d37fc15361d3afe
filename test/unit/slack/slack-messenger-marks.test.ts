// Issue 15 item 11: a post the bot may have made before a crash is found again by its metadata mark
// (chat.postMessage `metadata`, conversations.history), through the real WebClient and the stand-in.
import { WebClient } from '@slack/web-api';
import { slackMessenger } from '../../../bot/slack/slack-messenger';
import { silentLogger, standInClientOptions } from '../../slack-standin/bolt-against-stand-in';
import { SlackStandIn } from '../../slack-standin/slack-stand-in';

jest.setTimeout(30_000);

const botToken = 'xoxb-marks';
const appToken = 'xapp-marks';
const view = (text: string) => ({ text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] });
const mark = (key: string, openedAt: number) => ({
  type: 'mm2_alert_root',
  fields: { key, opened_at: openedAt },
});

describe('marked posts found again', () => {
  let standIn: SlackStandIn;
  let client: WebClient;

  beforeAll(async () => {
    standIn = await SlackStandIn.start({ botToken, appToken });
    client = new WebClient(botToken, { ...standInClientOptions(standIn.apiUrl), logger: silentLogger() });
  });
  afterAll(() => standIn?.stop());

  it('finds the root with exactly this mark, past pages of newer messages, and nothing else', async () => {
    const messenger = slackMessenger(client, (v) => v);
    const since = Date.now();
    const root = await messenger.post('C1', view('WARNING: lag'), undefined, mark('lag:replication', since));
    await messenger.post('C1', view('in the thread'), root, mark('lag:replication', since + 1));
    for (let i = 0; i < 230; i++) await messenger.post('C1', view(`noise ${i}`));
    expect(standIn.message('C1', root)?.metadata).toEqual({
      event_type: 'mm2_alert_root',
      event_payload: { key: 'lag:replication', opened_at: since },
    });
    expect(await messenger.findMarked('C1', mark('lag:replication', since), since)).toBe(root);
    expect(await messenger.findMarked('C1', mark('lag:replication', since + 1), since)).toBeUndefined();
    expect(await messenger.findMarked('C1', mark('prometheus:down', since), since)).toBeUndefined();
    expect(await messenger.findMarked('C2', mark('lag:replication', since), since)).toBeUndefined();
  });

  it('conversations.history answers like Slack: newest first, metadata only when asked, bad metadata refused', async () => {
    await client.chat.postMessage({
      channel: 'C3',
      text: 'a',
      metadata: { event_type: 't', event_payload: { n: 1 } },
    });
    await client.chat.postMessage({ channel: 'C3', text: 'b' });
    const plain = await client.conversations.history({ channel: 'C3' });
    expect(plain.messages?.map((m) => [m.text, m.metadata])).toEqual([
      ['b', undefined],
      ['a', undefined],
    ]);
    const withMeta = await client.conversations.history({
      channel: 'C3',
      include_all_metadata: true,
      limit: 1,
    });
    expect(withMeta.messages?.map((m) => m.text)).toEqual(['b']);
    expect(withMeta.has_more).toBe(true);
    const next = await client.conversations.history({
      channel: 'C3',
      include_all_metadata: true,
      cursor: withMeta.response_metadata?.next_cursor ?? '',
    });
    expect(next.messages?.map((m) => [m.text, m.metadata?.event_type])).toEqual([['a', 't']]);
    await expect(
      client.apiCall('chat.postMessage', { channel: 'C3', text: 'x', metadata: '{"event_payload":{}}' }),
    ).rejects.toMatchObject({ data: { error: 'invalid_metadata_format' } });
  });

  it('finds a marked reply in its thread with conversations.replies, past a page of other replies', async () => {
    const messenger = slackMessenger(client, (v) => v);
    const root = await messenger.post('C4', view('WARNING: lag'), undefined, mark('lag:replication', 1));
    const other = await messenger.post('C4', view('WARNING: other'), undefined, mark('lag:other', 1));
    const line = {
      type: 'mm2_alert_reply',
      fields: { key: 'lag:replication', opened_at: 1, kind: 'resolved' },
    };
    for (let i = 0; i < 230; i++) await messenger.post('C4', view(`update ${i}`), root);
    expect(await messenger.findInThread('C4', root, line)).toBeUndefined();
    const posted = await messenger.post('C4', view('RESOLVED'), root, line);
    expect(await messenger.findInThread('C4', root, line)).toBe(posted);
    expect(await messenger.findInThread('C4', other, line)).toBeUndefined();
    // The root's own mark is not a reply.
    expect(await messenger.findInThread('C4', root, mark('lag:replication', 1))).toBeUndefined();
  });

  it('conversations.replies answers like Slack: parent first, replies oldest first, pages, errors', async () => {
    const parent = await client.chat.postMessage({
      channel: 'C5',
      text: 'parent',
      metadata: { event_type: 'p', event_payload: { n: 0 } },
    });
    const replies: string[] = [];
    for (let i = 1; i <= 3; i++) {
      const r = await client.chat.postMessage({
        channel: 'C5',
        text: `r${i}`,
        thread_ts: parent.ts!,
        metadata: { event_type: 'r', event_payload: { n: i } },
      });
      replies.push(r.ts!);
    }
    await client.chat.postMessage({ channel: 'C5', text: 'elsewhere' });
    const all = await client.conversations.replies({ channel: 'C5', ts: parent.ts! });
    expect(all.messages?.map((m) => [m.text, m.thread_ts, m.metadata])).toEqual([
      ['parent', parent.ts, undefined],
      ['r1', parent.ts, undefined],
      ['r2', parent.ts, undefined],
      ['r3', parent.ts, undefined],
    ]);
    expect(all.messages?.[0]).toMatchObject({ reply_count: 3, latest_reply: replies[2] });
    expect(all.has_more).toBe(false);
    // A reply's ts names its thread too; pages of `limit` replies, the parent heading each.
    const first = await client.conversations.replies({
      channel: 'C5',
      ts: replies[1]!,
      limit: 2,
      include_all_metadata: true,
    });
    expect(
      first.messages?.map((m) => [m.text, (m.metadata?.event_payload as { n?: number } | undefined)?.n]),
    ).toEqual([
      ['parent', 0],
      ['r1', 1],
      ['r2', 2],
    ]);
    expect(first.has_more).toBe(true);
    const second = await client.conversations.replies({
      channel: 'C5',
      ts: parent.ts!,
      limit: 2,
      cursor: first.response_metadata?.next_cursor ?? '',
    });
    expect(second.messages?.map((m) => m.text)).toEqual(['parent', 'r3']);
    expect(second.has_more).toBe(false);
    expect(second.response_metadata?.next_cursor).toBe('');
    // oldest / latest bound the replies (exclusive unless inclusive).
    const bounded = await client.conversations.replies({
      channel: 'C5',
      ts: parent.ts!,
      oldest: replies[0]!,
      latest: replies[2]!,
      inclusive: true,
    });
    expect(bounded.messages?.map((m) => m.text)).toEqual(['parent', 'r1', 'r2', 'r3']);
    const exclusive = await client.conversations.replies({
      channel: 'C5',
      ts: parent.ts!,
      oldest: replies[0]!,
      latest: replies[2]!,
    });
    expect(exclusive.messages?.map((m) => m.text)).toEqual(['parent', 'r2']);
    // An unthreaded message is its own one-message thread.
    const lone = await client.chat.postMessage({ channel: 'C5', text: 'lone' });
    const alone = await client.conversations.replies({ channel: 'C5', ts: lone.ts! });
    expect(alone.messages?.map((m) => [m.text, m.thread_ts, m.reply_count])).toEqual([
      ['lone', undefined, undefined],
    ]);
    const error = (args: Record<string, unknown>) =>
      client.apiCall('conversations.replies', args).then(
        () => 'ok',
        (e: { data?: { error?: string } }) => e.data?.error,
      );
    expect(await error({ channel: 'C5', ts: '1.000001' })).toBe('thread_not_found');
    expect(await error({ channel: 'C5' })).toBe('thread_not_found');
    expect(await error({ channel: 'C-none', ts: parent.ts })).toBe('channel_not_found');
    expect(await error({ ts: parent.ts })).toBe('channel_not_found');
    expect(await error({ channel: 'C5', ts: parent.ts, cursor: 'bm90IGEgY3Vyc29y' })).toBe('invalid_cursor');
    expect(await error({ channel: 'C5', ts: parent.ts, oldest: 'x' })).toBe('invalid_ts_oldest');
    expect(await error({ channel: 'C5', ts: parent.ts, latest: 'x' })).toBe('invalid_ts_latest');
    await client.chat.delete({ channel: 'C5', ts: parent.ts! });
    expect(await error({ channel: 'C5', ts: replies[0] })).toBe('thread_not_found');
  });
});
