import type { App, SocketModeReceiver } from '@slack/bolt';
import { boltAppAgainstStandIn, stopBoltApp } from '../../slack-standin/bolt-against-stand-in';
import { SlackStandIn } from '../../slack-standin/slack-stand-in';

jest.setTimeout(30_000);

const botToken = 'xoxb-stand-in-bot';
const appToken = 'xapp-stand-in-app';

describe('Socket Mode reconnects of the real client', () => {
  let standIn: SlackStandIn;
  let app: App;
  let receiver: SocketModeReceiver;

  beforeAll(async () => {
    standIn = await SlackStandIn.start({ botToken, appToken, pingIntervalMs: 500 });
    // 1000 ms: the SDK waits clientPingTimeout before reconnecting, keep the test short.
    ({ app, receiver } = boltAppAgainstStandIn({
      apiUrl: standIn.apiUrl,
      botToken,
      appToken,
      clientPingTimeoutMs: 1000,
    }));
    app.command('/mm2', async ({ ack, respond, command }) => {
      await ack();
      await respond(`pong ${command.text}`);
    });
    await app.start();
    await standIn.waitForConnection({ timeoutMs: 5000 });
  });

  afterAll(async () => {
    if (app && receiver) await stopBoltApp(app, receiver);
    await standIn?.stop();
  });

  const answered = (text: string) =>
    standIn.waitFor(
      () => standIn.ephemeralsFor('U0USER').find((m) => m.text === `pong ${text}`),
      5000,
      `the answer to ${text}`,
    );

  it('after a disconnect frame, the client opens a new connection and answers the next command', async () => {
    await standIn.sendSlashCommand({ text: 'one' });
    await answered('one');

    await standIn.disconnect('refresh_requested');
    expect(standIn.openConnections).toBe(0);
    await expect(standIn.sendSlashCommand({ text: 'lost' })).rejects.toThrow(/no Socket Mode connection/);

    await standIn.waitForConnection({ minCount: 2, timeoutMs: 10_000 });
    expect(standIn.calls('apps.connections.open').filter((c) => c.result.ok === true)).toHaveLength(2);
    const ack = await standIn.sendSlashCommand({ text: 'two' });
    expect(ack.envelopeId).toMatch(/.+/);
    await answered('two');
  });

  it('after an abrupt drop (no close frame), the client reconnects too', async () => {
    const before = standIn.connectionCount;
    standIn.dropSocket();
    await standIn.waitForConnection({ minCount: before + 1, timeoutMs: 10_000 });
    await standIn.sendSlashCommand({ text: 'three' });
    await answered('three');
  });

  it('a socket URL ticket works once only', async () => {
    const res = await fetch(`${standIn.apiUrl}apps.connections.open`, {
      method: 'POST',
      headers: { authorization: `Bearer ${appToken}` },
    });
    const { url } = (await res.json()) as { url: string };
    const { WebSocket } = await import('ws');
    const first = new WebSocket(url);
    const hello = await new Promise<Record<string, unknown>>((resolve, reject) => {
      first.once('message', (d) => resolve(JSON.parse(String(d)) as Record<string, unknown>));
      first.once('error', reject);
    });
    expect(hello).toMatchObject({ type: 'hello', connection_info: { app_id: 'A0STANDIN' } });
    expect(hello.num_connections).toBe(2);
    const second = new WebSocket(url);
    const status = await new Promise<number>((resolve) => {
      second.once('unexpected-response', (_req, r) => resolve(r.statusCode ?? 0));
      second.once('error', () => resolve(-1));
    });
    expect(status).toBe(401);
    first.terminate();
  });
});
