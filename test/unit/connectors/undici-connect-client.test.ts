import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { UndiciConnectClient } from '../../../bot/adapters/connect/undici-connect-client';
import { AppError } from '../../../bot/domain/errors';
import { sendJson, startFakeConnect, type FakeConnect } from './fake-connect-server';

const noSleep = (): Promise<void> => Promise.resolve();

describe('UndiciConnectClient against a node:http server playing Connect', () => {
  let fake: FakeConnect | undefined;
  let client: UndiciConnectClient | undefined;
  afterEach(async () => {
    await client?.close();
    await fake?.close();
    fake = undefined;
    client = undefined;
  });

  it('retries a 409 and then succeeds', async () => {
    let n = 0;
    fake = await startFakeConnect((_req, res) => {
      n += 1;
      if (n === 1)
        sendJson(res, 409, {
          error_code: 409,
          message: 'Cannot complete request momentarily due to stale configuration',
        });
      else sendJson(res, 201, { name: 'a', config: {}, tasks: [] });
    });
    const sleeps: number[] = [];
    client = new UndiciConnectClient({ url: fake.url, sleep: async (ms) => void sleeps.push(ms) });
    await expect(client.putConfig('a', { 'connector.class': 'X' })).resolves.toEqual({ created: true });
    expect(fake.calls.map((c) => `${c.method} ${c.url}`)).toEqual([
      'PUT /connectors/a/config',
      'PUT /connectors/a/config',
    ]);
    expect(JSON.parse(fake.calls[1]!.body)).toEqual({ 'connector.class': 'X' });
    expect(sleeps).toEqual([250]);
  });

  it('retries 500 "rebalance is expected" with growing backoff, then gives up with CONNECT_REBALANCING', async () => {
    fake = await startFakeConnect((_req, res) =>
      sendJson(res, 500, {
        error_code: 500,
        message: 'Request cannot be completed because a rebalance is expected',
      }),
    );
    const sleeps: number[] = [];
    client = new UndiciConnectClient({
      url: fake.url,
      retries: 3,
      backoffMs: 100,
      sleep: async (ms) => void sleeps.push(ms),
    });
    const error = await client.pause('mm2-source').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('CONNECT_REBALANCING');
    expect(fake.calls).toHaveLength(4);
    expect(sleeps).toEqual([100, 200, 400]);
  });

  it('does not retry a 400 and surfaces Connect message as CONNECT_REJECTED', async () => {
    fake = await startFakeConnect((_req, res) =>
      sendJson(res, 400, {
        error_code: 400,
        message: 'Connector configuration is invalid and contains 1 error(s)',
      }),
    );
    client = new UndiciConnectClient({ url: fake.url, sleep: noSleep });
    const error = (await client.putConfig('a', {}).catch((e: unknown) => e)) as AppError;
    expect(error.code).toBe('CONNECT_REJECTED');
    expect(error.message).toContain('Connector configuration is invalid and contains 1 error(s)');
    expect(fake.calls).toHaveLength(1);
  });

  it('does not retry a plain 500', async () => {
    fake = await startFakeConnect((_req, res) => sendJson(res, 500, { error_code: 500, message: 'boom' }));
    client = new UndiciConnectClient({ url: fake.url, sleep: noSleep });
    await expect(client.resume('a')).rejects.toMatchObject({ code: 'CONNECT_REJECTED' });
    expect(fake.calls).toHaveLength(1);
  });

  it('times out a slow answer with TIMEOUT', async () => {
    fake = await startFakeConnect((_req, res) => {
      setTimeout(() => sendJson(res, 200, {}), 2_000).unref();
    });
    client = new UndiciConnectClient({ url: fake.url, timeoutMs: 150, sleep: noSleep });
    const started = Date.now();
    const error = (await client.list().catch((e: unknown) => e)) as AppError;
    expect(error.code).toBe('TIMEOUT');
    expect(error.message).toContain('150 ms');
    expect(Date.now() - started).toBeLessThan(1_500);
    // A read that timed out changed nothing.
    expect(error.outcomeUnknown).toBe(false);
  });

  it('says a write that timed out may have been applied', async () => {
    fake = await startFakeConnect((_req, res) => {
      setTimeout(() => sendJson(res, 200, {}), 2_000).unref();
    });
    client = new UndiciConnectClient({ url: fake.url, timeoutMs: 150, sleep: noSleep });
    const error = (await client.putConfig('a', {}).catch((e: unknown) => e)) as AppError;
    expect(error.code).toBe('TIMEOUT');
    expect(error.outcomeUnknown).toBe(true);
  });

  it('names the URL when the connection is refused', async () => {
    const url = await closedPortUrl();
    client = new UndiciConnectClient({ url, sleep: noSleep });
    const error = (await client.worker().catch((e: unknown) => e)) as AppError;
    expect(error.code).toBe('CONNECT_UNREACHABLE');
    expect(error.message).toContain(url);
    expect(error.message).toContain('connection refused');
    // Nothing reached Connect: a write refused at connect time surely did not happen.
    expect(error.outcomeUnknown).toBe(false);
  });

  it('returns undefined for a missing connector config and status (404)', async () => {
    fake = await startFakeConnect((_req, res) =>
      sendJson(res, 404, { error_code: 404, message: 'Connector x not found' }),
    );
    client = new UndiciConnectClient({ url: fake.url, sleep: noSleep });
    await expect(client.getConfig('x')).resolves.toBeUndefined();
    await expect(client.status('x')).resolves.toBeUndefined();
    await expect(client.pause('x')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('calls list with both expands, restart with its flags, validate and offsets', async () => {
    fake = await startFakeConnect((req, res) => {
      if (req.url.startsWith('/connectors?')) sendJson(res, 200, { a: { status: { name: 'a' } } });
      else if (req.url.startsWith('/connectors/a/restart')) sendJson(res, 202, { name: 'a' });
      else if (req.url.includes('/validate'))
        sendJson(res, 200, {
          error_count: 1,
          configs: [
            {
              definition: { name: 'key.converter' },
              value: { name: 'key.converter', errors: ['Class nope could not be found.'] },
            },
            { definition: { name: 'tasks.max' }, value: { name: 'tasks.max', errors: [] } },
          ],
        });
      else sendJson(res, 200, { offsets: [{ partition: { topic: 'orders' }, offset: { offset: 4 } }] });
    });
    client = new UndiciConnectClient({ url: `${fake.url}/`, sleep: noSleep });
    expect(Object.keys(await client.list())).toEqual(['a']);
    await client.restart('a', { includeTasks: true, onlyFailed: true });
    const validation = await client.validate('org.apache.kafka.connect.mirror.MirrorSourceConnector', {
      a: '1',
    });
    expect(validation).toEqual({
      errorCount: 1,
      errors: [{ field: 'key.converter', messages: ['Class nope could not be found.'] }],
    });
    expect((await client.offsets('a')).offsets).toHaveLength(1);
    expect(fake.calls.map((c) => `${c.method} ${c.url}`)).toEqual([
      'GET /connectors?expand=status&expand=info',
      'POST /connectors/a/restart?includeTasks=true&onlyFailed=true',
      'PUT /connector-plugins/org.apache.kafka.connect.mirror.MirrorSourceConnector/config/validate',
      'GET /connectors/a/offsets',
    ]);
  });
});

/** A loopback port that nothing listens on: bind one, note it, close it. */
async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

describe('UndiciConnectClient when the worker dies mid-request', () => {
  it('says the change may or may not have been applied', async () => {
    const fake = await startFakeConnect((_req, res) => res.socket?.destroy());
    const client = new UndiciConnectClient({ url: fake.url, sleep: noSleep });
    try {
      const error = (await client.putConfig('a', {}).catch((e: unknown) => e)) as AppError;
      expect(error.code).toBe('CONNECT_UNREACHABLE');
      expect(error.message).toContain(fake.url);
      expect(error.message).toContain('may or may not have been applied');
      expect(error.outcomeUnknown).toBe(true);
      expect(fake.calls).toHaveLength(1);
    } finally {
      await client.close();
      await fake.close();
    }
  });
});
