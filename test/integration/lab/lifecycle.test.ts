// A second, private lab on other ports proves the lifecycle end to end: up, reuse on a second up,
// status --json, down leaving no process behind, and down again being harmless.
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { markedProcesses } from '../../lab/orphans';

const runDir = mkdtempSync(join(tmpdir(), 'mm2-lab-lifecycle-'));
// Ports below the ephemeral range (32768+), where a client socket could hold one by chance.
const env = {
  ...process.env,
  LAB_RUN_DIR: runDir,
  LAB_PORT_SOURCE: '23092',
  LAB_PORT_TARGET: '23192',
  LAB_PORT_CONNECT: '23083',
  LAB_PORT_CONNECT_METRICS: '23404',
  LAB_PORT_PROMETHEUS: '23090',
  LAB_PORT_AWS: '23500',
  LAB_TRAFFIC_PARTITIONS: '8',
};
const cli = (...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', join(__dirname, '../../lab/cli.ts'), ...args], {
    env,
    encoding: 'utf8',
    timeout: 180000,
  });

afterAll(() => {
  cli('down');
});

test('up, up again, status --json, down, down again', () => {
  const up = cli('up');
  expect(up.stdout).toMatch(/The lab is up in [\d.]+ s\./);
  expect(up.status).toBe(0);

  const again = cli('up');
  expect(again.status).toBe(0);
  expect(again.stdout).toContain('The lab is already up: reusing it.');

  const status = cli('status', '--json');
  expect(status.status).toBe(0);
  const json = JSON.parse(status.stdout) as Record<string, { endpoint: string; healthy: boolean }>;
  expect(json.source).toMatchObject({ endpoint: '127.0.0.1:23092', healthy: true });
  expect(json.target).toMatchObject({ endpoint: '127.0.0.1:23192', healthy: true });
  expect(json.connect).toMatchObject({ endpoint: 'http://127.0.0.1:23083', healthy: true });
  expect(json.prometheus).toMatchObject({ endpoint: 'http://127.0.0.1:23090', healthy: true });
  expect(json.aws).toMatchObject({ endpoint: 'http://127.0.0.1:23500', healthy: true });
  expect(markedProcesses(runDir).length).toBeGreaterThanOrEqual(6);

  const down = cli('down');
  expect(down.status).toBe(0);
  expect(markedProcesses(runDir)).toEqual([]);
  const downAgain = cli('down');
  expect(downAgain.status).toBe(0);
  expect(downAgain.stdout).toContain('nothing to stop');

  const after = cli('status', '--json');
  expect(after.status).toBe(1);
  expect(JSON.parse(after.stdout).up).toBe(false);
});
