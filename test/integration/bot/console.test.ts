// `npm start` without Slack tokens: the console chat runs the same handlers against the lab.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PALETTES } from '../../../bot/adapters/charts/chart-themes';
import { LAB_PORT_VARIABLES } from '../../../bot/config/lab-layout';
import { decodePng } from '../../support/png-inspect';
import { chartMarks, drawnEnough } from '../grafana/chart-marks';
import { labEndpoints } from '../../lab/endpoints';
import { ensureMm2Running } from '../../lab/mm2-connectors';

const root = join(__dirname, '../../..');

// The console runs on the lab profile: its mm2-* connectors must exist for `pause all` to ask.
beforeAll(async () => {
  await ensureMm2Running(await labEndpoints());
});

/** This worktree's lab ports (LAB_PORT_*): without them the console would look for a lab on the defaults. */
const labPortEnv = () =>
  Object.fromEntries(
    Object.values(LAB_PORT_VARIABLES).flatMap((name) =>
      process.env[name] !== undefined ? [[name, process.env[name]!]] : [],
    ),
  );

function runConsole(
  lines: string[],
  runDir = mkdtempSync(join(tmpdir(), 'mm2-console-run-')),
): Promise<{ code: number | null; out: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'bot/main.ts')], {
    cwd: root,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      MM2_STATE: `file:${mkdtempSync(join(tmpdir(), 'mm2-console-'))}`,
      MM2_METRICS_PORT: '0',
      // Its log and attachments in a folder of the test's own, not the lab's.
      LAB_RUN_DIR: runDir,
      ...labPortEnv(),
    },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  child.stdin.end(lines.join('\n') + '\n');
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, out })));
}

test('the console: help by role, identities, refusals, an approval by number, audit, quit', async () => {
  const { code, out } = await runConsole([
    '/mm2 help',
    '/mm2 stauts',
    '/as vera',
    '/mm2 help',
    '/mm2 pause all',
    '/as oscar',
    '/mm2 stop mm2-nonexistent',
    '/mm2 pause all',
    '/as bob',
    '1',
    '/as oscar',
    '2',
    '/mm2 audit 20',
    '/mm2 lag orders',
    '/quit',
  ]);
  expect(code).toBe(0);
  expect(out).toContain('Console chat (the embedded default, no Slack needed).');
  expect(out).toContain('Your role: *approver*');
  expect(out).toContain('Did you mean `status`?');
  expect(out).toContain('You are now vera.');
  expect(out).toContain('Your role: *viewer*');
  expect(out).toContain('`/mm2 pause` needs the *operator* role; you have *viewer*');
  // the valid names are listed for a wrong one
  expect(out).toMatch(/mm2-source/);
  // a self-confirmation shows numbered buttons; another user may not confirm it; the requester cancels
  expect(out).toMatch(/\[1\] Confirm\s+\[2\] Cancel/);
  expect(out).toMatch(/only the requester|requester/i);
  expect(out).toContain('Rejected');
  expect(out).toMatch(/Audit: last \d+/);
  // exact lag over the admin connections the profile's ${env:...} broker references resolve to
  expect(out).toContain('exact (Kafka + Connect) :white_check_mark:');
  expect(out).toMatch(/orders-\d\s+\d+/);
  expect(out).not.toMatch(/Error:|at .*\.ts:\d+/);
});

test('the console: /mm2 snapshot lists the panels, and with one writes the PNG to a file and prints its path', async () => {
  const runDir = mkdtempSync(join(tmpdir(), 'mm2-console-run-'));
  const { code, out } = await runConsole(
    ['/mm2 snapshot', '/mm2 snapshot throughput --range 5m', '/mm2 snapshot no-such-panel-xyz', '/quit'],
    runDir,
  );
  expect(code).toBe(0);
  expect(out).toContain('`7` Throughput per topic');
  const attached = /\[bot attached "(Throughput per topic, 5m to [^"]+)": (\S+\.png)\]/.exec(out);
  expect(attached?.[2]).toBeDefined();
  const path = attached![2]!;
  expect(path.startsWith(join(runDir, 'attachments'))).toBe(true);
  expect(existsSync(path)).toBe(true);
  const png = decodePng(readFileSync(path));
  expect([png.width, png.height]).toEqual([800, 400]);
  expect(drawnEnough(chartMarks(png, PALETTES.light)).title).toBe(true);
  // The per-series summary printed under the path, then which renderer drew it.
  expect(out).toMatch(/\*Throughput per topic\*\n\s+• /);
  expect(out).toContain('drawn by the built-in renderer');
  expect(out).toContain('No panel matches "no-such-panel-xyz"');
  expect(out).not.toMatch(/Error:|at .*\.ts:\d+/);
});
