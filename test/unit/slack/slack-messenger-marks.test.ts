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
});
