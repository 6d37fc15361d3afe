import { createPrometheusClient } from '../../../bot/adapters/prometheus/prometheus-client';
import { closedPort, startStub, type Stub } from './http-stub';

describe('Prometheus client', () => {
  let stub: Stub;
  afterEach(async () => stub?.close());

  it('runs instant and range queries and parses vectors and matrices', async () => {
    stub = await startStub(({ path }) =>
      path === '/api/v1/query'
        ? {
            status: 200,
            body: JSON.stringify({
              status: 'success',
              data: {
                resultType: 'vector',
                result: [{ metric: { topic: 'orders' }, value: [1700000000, '42.5'] }],
              },
            }),
          }
        : {
            status: 200,
            body: JSON.stringify({
              status: 'success',
              data: {
                resultType: 'matrix',
                result: [
                  {
                    metric: { topic: 'orders' },
                    values: [
                      [1, '1'],
                      [2, 'NaN'],
                    ],
                  },
                ],
              },
            }),
          },
    );
    const client = createPrometheusClient({ url: `${stub.url}/` });
    expect(await client.instant('up', 1_700_000_000_000)).toEqual([
      { labels: { topic: 'orders' }, value: 42.5 },
    ]);
    const series = await client.range({ query: 'up', start: 0, end: 60_000, stepSeconds: 30 });
    expect(series[0]?.points[0]).toEqual([1, 1]);
    expect(Number.isNaN(series[0]?.points[1]?.[1])).toBe(true);
    const form = new URLSearchParams(stub.requests[0]?.body);
    expect([form.get('query'), form.get('time')]).toEqual(['up', '1700000000']);
    expect(new URLSearchParams(stub.requests[1]?.body).get('step')).toBe('30s');
  });

  it('surfaces PromQL errors as BAD_INPUT with the query', async () => {
    stub = await startStub(() => ({
      status: 400,
      body: JSON.stringify({ status: 'error', errorType: 'bad_data', error: 'parse error at char 4' }),
    }));
    await expect(createPrometheusClient({ url: stub.url }).instant('sum(')).rejects.toMatchObject({
      code: 'BAD_INPUT',
      message: 'Prometheus rejected the query (bad_data): parse error at char 4',
      hint: 'Query: sum(',
    });
  });

  it('names the URL (without credentials) when unreachable', async () => {
    const port = await closedPort();
    const client = createPrometheusClient({ url: `http://user:secret@127.0.0.1:${port}/prom` });
    const error = await client.instant('up').catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'PROMETHEUS_UNREACHABLE' });
    expect((error as Error).message).toContain(
      `Prometheus at http://127.0.0.1:${port}/prom is unreachable: ECONNREFUSED`,
    );
    expect((error as Error).message).not.toContain('secret');
  });

  it('gives up after the timeout', async () => {
    stub = await startStub(() => ({ status: 200, body: '{}', delayMs: 2000 }));
    const started = Date.now();
    await expect(
      createPrometheusClient({ url: stub.url, timeoutMs: 200 }).instant('up'),
    ).rejects.toMatchObject({
      code: 'PROMETHEUS_UNREACHABLE',
      message: expect.stringContaining('no answer within 200 ms'),
    });
    expect(Date.now() - started).toBeLessThan(1500);
  });
});
