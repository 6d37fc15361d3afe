import { startBaselineBoltApp, type BaselineApp } from '../../bench/baseline-bolt-app';
import { SlackStandIn } from '../../slack-standin/slack-stand-in';

jest.setTimeout(30_000);

const botToken = 'xoxb-stand-in-bot';
const appToken = 'xapp-stand-in-app';

describe('response_url endpoints', () => {
  let standIn: SlackStandIn;
  beforeAll(async () => {
    standIn = await SlackStandIn.start({ botToken, appToken, responseUrlMaxUses: 3 });
  });
  afterAll(async () => {
    await standIn?.stop();
  });

  // A bare socket client that acks every envelope, so a test can hold a response_url without Bolt.
  async function commandUrl(): Promise<string> {
    const { WebSocket } = await import('ws');
    const open = (await (
      await fetch(`${standIn.apiUrl}apps.connections.open`, {
        method: 'POST',
        headers: { authorization: `Bearer ${appToken}` },
      })
    ).json()) as { url: string };
    const ws = new WebSocket(open.url);
    ws.on('message', (d) => {
      const f = JSON.parse(String(d)) as { envelope_id?: string };
      if (f.envelope_id) ws.send(JSON.stringify({ envelope_id: f.envelope_id, payload: {} }));
    });
    await standIn.waitForConnection({ minCount: standIn.connectionCount + 1 });
    const ack = await standIn.sendSlashCommand({ user_id: 'U5', channel_id: 'C5', text: 'x' });
    ws.close();
    await standIn.waitFor(() => standIn.openConnections === 0, 5000, 'the socket to close');
    return ack.responseUrl as string;
  }

  const post = async (url: string, body: unknown) => {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };

  it('posts ephemerals, replaces them in place, posts in channel, and stops after its use limit', async () => {
    const url = await commandUrl();
    expect(await post(url, { text: 'working 1/2' })).toEqual({ status: 200, body: { ok: true } });
    expect(await post(url, { text: 'working 2/2', replace_original: true })).toMatchObject({ status: 200 });
    const [eph] = standIn.ephemeralsFor('U5', 'C5');
    expect(eph?.history.map((v) => v.text)).toEqual(['working 1/2', 'working 2/2']);
    expect(standIn.ephemeralsFor('U5')).toHaveLength(1);

    expect(await post(url, { text: 'for all', response_type: 'in_channel' })).toMatchObject({ status: 200 });
    expect(standIn.lastMessage('C5')?.text).toBe('for all');
    expect(await post(url, { text: 'one too many' })).toEqual({
      status: 404,
      body: { ok: false, error: 'used_url' },
    });
    expect(standIn.responseUrlPosts().map((p) => p.status)).toEqual([200, 200, 200, 404]);
  });

  it('refuses blocks over the limits with invalid_blocks and records nothing', async () => {
    const url = await commandUrl();
    const blocks = Array.from({ length: 51 }, () => ({ type: 'divider' }));
    const r = await post(url, { text: 'x', blocks });
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ ok: false, error: 'invalid_blocks' });
    expect(standIn.ephemeralsFor('U5')).toHaveLength(1); // only the one from the test above
  });

  it('answers expired_url for an unknown URL', async () => {
    const r = await post(`${standIn.apiUrl.replace('/api/', '')}/commands/1/nope`, { text: 'x' });
    expect(r).toEqual({ status: 404, body: { ok: false, error: 'expired_url' } });
  });
});

describe('the baseline Bolt app of the bench', () => {
  let standIn: SlackStandIn;
  let baseline: BaselineApp | undefined;
  beforeAll(async () => {
    standIn = await SlackStandIn.start({ botToken, appToken });
    baseline = await startBaselineBoltApp({ apiUrl: standIn.apiUrl, botToken, appToken });
    await standIn.waitForConnection();
  });
  afterAll(async () => {
    await baseline?.stop();
    await standIn?.stop();
  });

  it('acks a burst of /mm2 commands and answers each through response_url; the stand-in measures the acks', async () => {
    const n = 50;
    const acks = await Promise.all(
      Array.from({ length: n }, (_, i) => standIn.sendSlashCommand({ text: `status ${i}`, user_id: 'U9' })),
    );
    expect(acks).toHaveLength(n);
    await standIn.waitFor(() => standIn.ephemeralsFor('U9').length === n, 10_000, `${n} answers`);
    expect(new Set(standIn.ephemeralsFor('U9').map((m) => m.text)).size).toBe(n);
    const lat = standIn.ackLatency();
    expect(lat.count).toBe(n);
    expect(lat.p50).toBeLessThanOrEqual(lat.p95);
    expect(lat.p95).toBeLessThanOrEqual(lat.p99);
    expect(lat.p99).toBeLessThanOrEqual(lat.max);
    expect(lat.max).toBeLessThan(3000);
  });
});
