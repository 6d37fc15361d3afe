// Issue 15: when the cutover rig failed to start, jest reported "did not exit": the parts started
// before the failure (proxies, the reconciler's timer and ECS client) were never stopped.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CutoverRig, type RigHarness } from '../../integration/cutover/cutover-rig';

/** Handles and timers by kind, e.g. { TCPServerWrap: 2, Timeout: 1 }. */
const resources = () => {
  const counts: Record<string, number> = {};
  for (const r of process.getActiveResourcesInfo()) counts[r] = (counts[r] ?? 0) + 1;
  return counts;
};
const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('a cutover rig whose start fails', () => {
  let ecs: Server;
  let ecsUrl: string;
  let ecsCalls = 0;
  let runDir: string;
  const previousRunDir = process.env.LAB_RUN_DIR;

  beforeAll(async () => {
    runDir = mkdtempSync(join(tmpdir(), 'mm2-rig-'));
    process.env.LAB_RUN_DIR = runDir;
    // moto's ECS, as far as the reconciler asks: no services yet.
    ecs = createServer((req, res) => {
      ecsCalls++;
      req.resume();
      req.on('end', () => {
        res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' });
        res.end(JSON.stringify({ services: [], failures: [] }));
      });
    });
    await new Promise<void>((resolve) => ecs.listen(0, '127.0.0.1', resolve));
    ecsUrl = `http://127.0.0.1:${(ecs.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    ecs.closeAllConnections();
    await new Promise((resolve) => ecs.close(resolve));
    rmSync(runDir, { recursive: true, force: true });
    if (previousRunDir === undefined) delete process.env.LAB_RUN_DIR;
    else process.env.LAB_RUN_DIR = previousRunDir;
  });

  test('stops every part it had started and rethrows the cause: nothing keeps running', async () => {
    const harness = {
      lab: { connect: 'http://127.0.0.1:9', aws: ecsUrl, source: '127.0.0.1:9', target: '127.0.0.1:9' },
      env: () => ({}),
      trackTopics: () => undefined,
      track: () => undefined,
    } as unknown as RigHarness;
    const before = resources();
    const start = CutoverRig.start(
      harness,
      { name: 'failing', producerRun: 'ecs' },
      {
        createTopics: async () => undefined,
        // Fails once the reconciler is polling, as a seed against a broken moto would.
        seedLedgerServices: async () => {
          while (ecsCalls === 0) await settle(20);
          throw new Error('moto refused the services');
        },
      },
    );
    await expect(start).rejects.toThrow('moto refused the services');
    const callsAfterStart = ecsCalls;
    await settle(1500); // three reconciler intervals
    expect(ecsCalls).toBe(callsAfterStart); // the reconciler no longer polls
    const after = resources();
    // No more servers, timers or child processes than before the start (jest's own may come and go).
    for (const kind of ['TCPServerWrap', 'Timeout', 'ProcessWrap'])
      expect({ kind, more: (after[kind] ?? 0) > (before[kind] ?? 0) }).toEqual({ kind, more: false });
  });
});
