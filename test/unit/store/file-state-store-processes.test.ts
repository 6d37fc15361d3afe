import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { FileStateStore } from '../../../bot/adapters/store/file-state-store';

jest.setTimeout(60_000);

const run = promisify(execFile);
const TSX = join(__dirname, '..', '..', '..', 'node_modules', '.bin', 'tsx');
const WORKER = join(__dirname, '..', '..', 'support', 'file-store-worker.ts');
const worker = async (dir: string, mode: 'create' | 'increment', n: number, startAt: number) =>
  (await run(TSX, [WORKER, dir, mode, String(n), String(startAt)], { timeout: 50_000 })).stdout.trim();
// Process start-up takes about a second here; the workers wait for a common start time.
const soon = () => Date.now() + 3000;

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'mm2-state-proc-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('FileStateStore across processes', () => {
  test('3 processes and this one increment one counter: no lost update', async () => {
    const store = new FileStateStore({ dir });
    await store.put('race/counter.json', { n: 0 });
    const startAt = soon();
    const local = (async () => {
      await new Promise((resolve) => setTimeout(resolve, startAt - Date.now()));
      for (let i = 0; i < 30; i++)
        for (;;) {
          const c = (await store.get<{ n: number }>('race/counter.json'))!;
          const ok = await store.put('race/counter.json', { n: c.value.n + 1 }, { version: c.version }).then(
            () => true,
            () => false,
          );
          if (ok) break;
        }
    })();
    const outputs = await Promise.all([1, 2, 3].map(() => worker(dir, 'increment', 30, startAt)));
    await local;
    expect(outputs.every((o) => /^done \d+$/.test(o))).toBe(true);
    expect((await store.get<{ n: number }>('race/counter.json'))?.value.n).toBe(120);
    // The workers really contended: some of their compare-and-sets lost and were retried.
    expect(outputs.reduce((sum, o) => sum + Number(o.split(' ')[1]), 0)).toBeGreaterThan(0);
  });

  test("4 processes race an 'absent' create: exactly one wins", async () => {
    const startAt = soon();
    const outputs = await Promise.all([1, 2, 3, 4].map(() => worker(dir, 'create', 0, startAt)));
    expect(outputs.filter((o) => o === 'won')).toHaveLength(1);
    expect(outputs.filter((o) => o === 'lost')).toHaveLength(3);
  });
});

describe('FileStateStore locks and files', () => {
  const lockFile = () => join(dir, 'k', '.x.json.lock');

  test('a lock left by a dead process (SIGKILL) is broken at once', async () => {
    const store = new FileStateStore({ dir, acquireTimeoutMs: 2000 });
    await store.put('k/x.json', 1);
    // A pid that cannot be alive: above the kernel's pid_max.
    writeFileSync(lockFile(), JSON.stringify({ token: 't', pid: 2 ** 22 + 1, host: hostname() }));
    const started = Date.now();
    await store.put('k/x.json', 2);
    expect(Date.now() - started).toBeLessThan(1000);
    expect((await store.get('k/x.json'))?.value).toBe(2);
  });

  test('a lock older than staleMs is broken; a fresh live one makes writers wait, then give up', async () => {
    const store = new FileStateStore({ dir, acquireTimeoutMs: 300, staleMs: 5000 });
    await store.put('k/x.json', 1);
    writeFileSync(lockFile(), JSON.stringify({ token: 't', pid: process.pid, host: 'elsewhere' }));
    await expect(store.put('k/x.json', 2)).rejects.toMatchObject({ code: 'STATE_UNAVAILABLE' });
    const old = new Date(Date.now() - 60_000);
    utimesSync(lockFile(), old, old);
    await store.put('k/x.json', 3);
    expect((await store.get('k/x.json'))?.value).toBe(3);
  });

  test('writes leave no temp or lock files behind, and list ignores dot files', async () => {
    const store = new FileStateStore({ dir });
    await Promise.all(Array.from({ length: 10 }, (_, i) => store.put(`k/f${i}.json`, i)));
    writeFileSync(join(dir, 'k', '.stray.tmp'), 'x');
    expect(readdirSync(join(dir, 'k')).filter((f) => f.startsWith('.') && f !== '.stray.tmp')).toEqual([]);
    expect(await store.list('k/')).toHaveLength(10);
  });

  test('a corrupt file is STATE_UNAVAILABLE naming the file, not a crash', async () => {
    const store = new FileStateStore({ dir });
    await store.put('k/x.json', 1);
    writeFileSync(join(dir, 'k', 'x.json'), '{not json');
    await expect(store.get('k/x.json')).rejects.toMatchObject({ code: 'STATE_UNAVAILABLE' });
  });
});
