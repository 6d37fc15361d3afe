import { execFile } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const SCRIPT = resolve(__dirname, '../../../docker/prometheus/refresh-targets.sh');

/** A stand-in for busybox nslookup that answers from a table (one `name ip ip` line each). */
function fakeResolver(dir: string, table: Record<string, string[]>): string {
  const file = join(dir, 'nslookup');
  const cases = Object.entries(table)
    .map(
      ([name, ips]) =>
        `  ${name}) for ip in ${ips.join(' ')}; do printf 'Name:\\t%s\\nAddress: %s\\n' "$1" "$ip"; done ;;`,
    )
    .join('\n');
  writeFileSync(
    file,
    `#!/bin/sh\nprintf 'Server:\\t\\t10.0.0.2\\nAddress:\\t10.0.0.2:53\\n\\nNon-authoritative answer:\\n'\ncase "$1" in\n${cases}\n  *) echo "** server can't find $1: NXDOMAIN" >&2; exit 1 ;;\nesac\n`,
  );
  chmodSync(file, 0o755);
  return file;
}

describe('docker/prometheus/refresh-targets.sh', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'mm2-refresh-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const refresh = (resolver: string, env: Record<string, string>) =>
    run('sh', [SCRIPT], {
      env: { PATH: process.env.PATH, REFRESH_ONCE: '1', RESOLVER: resolver, TARGETS_DIR: dir, ...env },
      timeout: 10_000,
    });

  it('writes one file_sd target per A record of the Connect and bot names', async () => {
    const resolver = fakeResolver(dir, {
      'connect.mm2.internal': ['10.0.2.9', '10.0.1.7'],
      'bot.mm2.internal': ['10.0.3.4'],
    });
    await refresh(resolver, { CONNECT_DNS_NAME: 'connect.mm2.internal', BOT_DNS_NAME: 'bot.mm2.internal' });
    expect(JSON.parse(readFileSync(join(dir, 'kafka-connect.json'), 'utf8'))).toEqual([
      { targets: ['10.0.1.7:9404', '10.0.2.9:9404'], labels: { service: 'kafka-connect' } },
    ]);
    expect(JSON.parse(readFileSync(join(dir, 'mm2-bot.json'), 'utf8'))).toEqual([
      { targets: ['10.0.3.4:9102'], labels: { service: 'mm2-bot' } },
    ]);
  });

  it('keeps the last good file when the name does not resolve', async () => {
    writeFileSync(join(dir, 'kafka-connect.json'), '[{"targets": ["10.0.1.7:9404"]}]\n');
    const resolver = fakeResolver(dir, {});
    const { stderr } = await refresh(resolver, {
      CONNECT_DNS_NAME: 'connect.mm2.internal',
      CONNECT_METRICS_PORT: '9999',
    });
    expect(stderr).toContain('no A records for connect.mm2.internal');
    expect(readFileSync(join(dir, 'kafka-connect.json'), 'utf8')).toBe('[{"targets": ["10.0.1.7:9404"]}]\n');
  });

  it('uses the configured metrics port', async () => {
    const resolver = fakeResolver(dir, { 'connect.mm2.internal': ['10.0.1.7'] });
    await refresh(resolver, { CONNECT_DNS_NAME: 'connect.mm2.internal', CONNECT_METRICS_PORT: '9500' });
    expect(readFileSync(join(dir, 'kafka-connect.json'), 'utf8')).toContain('"10.0.1.7:9500"');
  });
});
