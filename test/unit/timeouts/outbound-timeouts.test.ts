// Issue 15, defect 4: every outbound call has a configurable budget, and running out of it names the
// setting. Each client talks to a loopback server that accepts the connection and never answers.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebClient } from '@slack/web-api';
import { UndiciConnectClient } from '../../../bot/adapters/connect/undici-connect-client';
import { createPrometheusClient } from '../../../bot/adapters/prometheus/prometheus-client';
import { loadConfig } from '../../../bot/config/load-config';
import { slackClientOptions } from '../../../bot/slack/create-slack-app';
import { slackSurface } from '../../../bot/slack/slack-surface';

let server: Server;
let url: string;
const held: Array<() => void> = [];

beforeAll(async () => {
  // Holds every request open (until the test ends): a hung peer.
  server = createServer((_req, res) => void held.push(() => res.destroy()));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  held.forEach((release) => release());
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const failure = async (call: () => Promise<unknown>): Promise<Error> => {
  try {
    await call();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the call to fail');
};

test('Connect: a hung worker fails within the budget, naming MM2_CONNECT_TIMEOUT_SECONDS', async () => {
  const client = new UndiciConnectClient({
    url,
    timeoutMs: 300,
    timeoutSetting: 'MM2_CONNECT_TIMEOUT_SECONDS',
  });
  const error = await failure(() => client.list());
  expect(error).toMatchObject({ code: 'TIMEOUT' });
  expect(error.message).toContain('MM2_CONNECT_TIMEOUT_SECONDS');
});

test('Prometheus: a hung server fails within the budget, naming MM2_PROMETHEUS_TIMEOUT_SECONDS', async () => {
  const client = createPrometheusClient({
    url,
    timeoutMs: 300,
    timeoutSetting: 'MM2_PROMETHEUS_TIMEOUT_SECONDS',
  });
  const error = await failure(() => client.instant('up'));
  expect(error.message).toContain('MM2_PROMETHEUS_TIMEOUT_SECONDS');
});

test('Slack: a hung Web API call fails within the budget (and its retries), naming MM2_SLACK_TIMEOUT_SECONDS', async () => {
  const options = slackClientOptions({ apiUrl: `${url}/api/`, timeoutMs: 200 });
  const client = new WebClient('xoxb-test', { ...options, retryConfig: { retries: 0 } });
  const surface = slackSurface({ client, channel: 'C1', user: 'U1' }, (v) => v);
  const started = Date.now();
  const error = await failure(() => surface.post({ text: 'hello', blocks: [] }));
  expect(Date.now() - started).toBeLessThan(5_000);
  expect(error).toMatchObject({ code: 'TIMEOUT' });
  expect(error.message).toContain('MM2_SLACK_TIMEOUT_SECONDS');
});

test('the budgets are settings: defaults, and a bad value names its variable', () => {
  const base = { LAB_RUN_DIR: '/tmp/mm2-timeouts-test' };
  const config = loadConfig({
    ...base,
    MM2_CONNECT_TIMEOUT_SECONDS: '2.5',
    MM2_APPROVAL_RETENTION_DAYS: '7',
  });
  expect(config.timeouts).toEqual({
    connectMs: 2500,
    prometheusMs: 10_000,
    kafkaMs: 15_000,
    slackMs: 10_000,
  });
  expect(config.approvalRetentionDays).toBe(7);
  expect(() => loadConfig({ ...base, MM2_SLACK_TIMEOUT_SECONDS: 'soon' })).toThrow(
    /MM2_SLACK_TIMEOUT_SECONDS/,
  );
  expect(() => loadConfig({ ...base, MM2_APPROVAL_RETENTION_DAYS: '0' })).toThrow(
    /MM2_APPROVAL_RETENTION_DAYS/,
  );
});
