// A second, private lab on other ports proves the lifecycle end to end: up, reuse on a second up,
// status --json, down leaving no process behind, and down again being harmless.
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { markedProcesses } from '../../lab/orphans';

const runDir = mkdtempSync(join(tmpdir(), 'mm2-lab-lifecycle-'));
const env = {
  ...process.env,
  LAB_RUN_DIR: runDir,
  LAB_PORT_SOURCE: '39092',
  LAB_PORT_TARGET: '39192',
  LAB_PORT_CONNECT: '38083',
  LAB_PORT_CONNECT_METRICS: '39404',
  LAB_PORT_PROMETHEUS: '39090',
  LAB_PORT_AWS: '35000',
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
  expect(json.source).toMatchObject({ endpoint: '127.0.0.1:39092', healthy: true });
  expect(json.target).toMatchObject({ endpoint: '127.0.0.1:39192', healthy: true });
  expect(json.connect).toMatchObject({ endpoint: 'http://127.0.0.1:38083', healthy: true });
  expect(json.prometheus).toMatchObject({ endpoint: 'http://127.0.0.1:39090', healthy: true });
  expect(json.aws).toMatchObject({ endpoint: 'http://127.0.0.1:35000', healthy: true });
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
