#!/usr/bin/env node
// The bench's own prerequisite: Debian's chromium-headless-shell, the browser the snapshot bench drives
// with puppeteer-core (as Grafana's image renderer drives Chromium). Idempotent and quick when present.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export const CHROMIUM = '/usr/bin/chromium-headless-shell';

if (!existsSync(CHROMIUM)) {
  const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!asRoot) {
    console.error(
      '[setup] Missing prerequisite: chromium-headless-shell.\n[setup] Install it with: sudo apt-get install -y chromium-headless-shell',
    );
    process.exit(2);
  }
  console.error('[setup] installing chromium-headless-shell from the OS packages (snapshot bench)');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [
    ['update', '-qq'],
    ['install', '-y', '-qq', '--no-install-recommends', 'chromium-headless-shell'],
  ]) {
    const r = spawnSync('apt-get', args, { stdio: 'inherit', env });
    if (r.status !== 0) {
      console.error(`[setup] 'apt-get ${args.join(' ')}' failed (exit ${r.status})`);
      process.exit(r.status ?? 1);
    }
  }
}
