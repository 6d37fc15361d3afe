import { createConnectOffsetsClient, parseSourceOffsets } from '../../support/connect-offsets-client';
import { closedPort, startStub, type Stub } from './http-stub';

describe('Connect offsets client', () => {
  let stub: Stub;
  afterEach(async () => stub?.close());

  it("parses MirrorSourceConnector's offsets", async () => {
    stub = await startStub(({ path }) => ({
      status: path === '/connectors/mm2-source/offsets' ? 200 : 404,
      body: JSON.stringify({
        offsets: [
          { partition: { cluster: 'source', partition: 0, topic: 'orders' }, offset: { offset: 41 } },
          { partition: { cluster: 'source', partition: 1, topic: 'orders' }, offset: { offset: 7 } },
          { partition: { weird: true }, offset: { offset: 1 } },
        ],
      }),
    }));
    const client = createConnectOffsetsClient({ url: stub.url });
    expect(await client.sourceOffsets('mm2-source')).toEqual([
      { cluster: 'source', topic: 'orders', partition: 0, offset: 41 },
      { cluster: 'source', topic: 'orders', partition: 1, offset: 7 },
    ]);
    await expect(client.sourceOffsets('nope')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('reports a rebalance and an unreachable worker with the URL', async () => {
    stub = await startStub(() => ({ status: 409, body: '{"error_code":409,"message":"rebalance"}' }));
    await expect(createConnectOffsetsClient({ url: stub.url }).sourceOffsets('x')).rejects.toMatchObject({
      code: 'CONNECT_REBALANCING',
    });
    const port = await closedPort();
    await expect(
      createConnectOffsetsClient({ url: `http://127.0.0.1:${port}` }).sourceOffsets('x'),
    ).rejects.toMatchObject({
      code: 'CONNECT_UNREACHABLE',
      message: expect.stringContaining(`http://127.0.0.1:${port}`),
    });
  });

  it('skips entries without a numeric offset', () => {
    expect(
      parseSourceOffsets({ offsets: [{ partition: { topic: 't', partition: 0 }, offset: null }] }),
    ).toEqual([]);
  });
});
