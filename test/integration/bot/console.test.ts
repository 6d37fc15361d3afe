// `npm start` without Slack tokens: the console chat runs the same handlers against the lab.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { labEndpoints } from '../../lab/endpoints';
import { ensureMm2Running } from '../../lab/mm2-connectors';

const root = join(__dirname, '../../..');

// The console runs on the lab profile: its mm2-* connectors must exist for `pause all` to ask.
beforeAll(async () => {
  await ensureMm2Running(await labEndpoints());
});

function runConsole(lines: string[]): Promise<{ code: number | null; out: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'bot/main.ts')], {
    cwd: root,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      MM2_STATE: `file:${mkdtempSync(join(tmpdir(), 'mm2-console-'))}`,
      MM2_METRICS_PORT: '0',
      // The lab's layout, wherever LAB_* put it: the console's embedded defaults follow it.
      ...Object.fromEntries(Object.entries(process.env).filter(([k]) => k.startsWith('LAB_'))),
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
