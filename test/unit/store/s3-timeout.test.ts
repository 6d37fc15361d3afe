// Issue 15 item 4: a state store that hangs does not stall the bot: every AWS call has a timeout.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadConfig } from '../../../bot/config/load-config';
import { createStateStore } from '../../../bot/wiring/state-store';

jest.setTimeout(30_000);

let server: Server;
const held: Array<() => void> = [];

beforeAll(async () => {
  // Accepts every request and never answers (a hung socket).
  server = createServer((_req, res) => held.push(() => res.destroy()));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
});
afterAll(async () => {
  held.forEach((end) => end());
  await new Promise((r) => server.close(r));
});

test('an S3 state store that never answers fails with a timeout instead of hanging', async () => {
  const { port } = server.address() as AddressInfo;
  const config = loadConfig(
    {
      MM2_STATE: 's3://state-bucket/bot/',
      AWS_ENDPOINT_URL: `http://127.0.0.1:${port}`,
      MM2_AWS_TIMEOUT_SECONDS: '1',
    },
    process.cwd(),
  );
  expect(config.aws.requestTimeoutMs).toBe(1000);
  const store = createStateStore(config);
  const outcome = await Promise.race([
    store.get('approvals/x.json').then(
      () => 'answered',
      (error: Error) => `failed: ${error.name} ${error.message}`,
    ),
    new Promise((r) => setTimeout(() => r('still hanging after 20 s'), 20_000)),
  ]);
  expect(outcome).toMatch(/^failed: .*(timeout|Timeout|timed out)/);
});
