import { randomUUID } from 'node:crypto';
import { open, readFile, stat, unlink } from 'node:fs/promises';
import { hostname } from 'node:os';
import { AppError } from '../../domain/errors';

export interface FileLockOptions {
  /** Give up waiting after this long (STATE_UNAVAILABLE). */
  acquireTimeoutMs: number;
  /** A lock older than this is from a crashed or hung process. Critical sections take milliseconds. */
  staleMs: number;
}

interface LockOwner {
  token: string;
  pid: number;
  host: string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const codeOf = (error: unknown) => (error as NodeJS.ErrnoException)?.code;

async function readOwner(path: string): Promise<LockOwner | undefined> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as LockOwner;
  } catch {
    return undefined; // missing, or created but not yet written
  }
}

const processIsGone = (pid: number) => {
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return codeOf(error) === 'ESRCH';
  }
};

async function isStale(path: string, staleMs: number): Promise<boolean> {
  let age: number;
  try {
    age = Date.now() - (await stat(path)).mtimeMs;
  } catch {
    return false; // already gone: just retry
  }
  if (age > staleMs) return true;
  const owner = await readOwner(path);
  // Same machine and the owner died (e.g. SIGKILL): no need to wait for the age limit.
  return (
    owner !== undefined && owner.host === hostname() && owner.pid !== process.pid && processIsGone(owner.pid)
  );
}

async function tryCreate(path: string, owner: LockOwner): Promise<boolean> {
  try {
    const handle = await open(path, 'wx');
    try {
      await handle.writeFile(JSON.stringify(owner));
    } finally {
      await handle.close();
    }
    return true;
  } catch (error) {
    if (codeOf(error) === 'EEXIST') return false;
    throw error;
  }
}

/**
 * Stale locks are removed by one breaker at a time (a second lock file), which re-checks staleness
 * before unlinking: two processes can never both delete a lock and both create a fresh one.
 */
async function breakStale(path: string, staleMs: number): Promise<void> {
  const breaker = `${path}.break`;
  if (!(await tryCreate(breaker, { token: randomUUID(), pid: process.pid, host: hostname() }))) {
    if (await isStale(breaker, staleMs)) await unlink(breaker).catch(() => undefined);
    return;
  }
  try {
    if (await isStale(path, staleMs)) await unlink(path).catch(() => undefined);
  } finally {
    await unlink(breaker).catch(() => undefined);
  }
}

/** Runs `fn` holding an exclusive lock file (`open(path, 'wx')`), across processes on one filesystem. */
export async function withFileLock<T>(
  path: string,
  options: FileLockOptions,
  fn: () => Promise<T>,
): Promise<T> {
  const owner: LockOwner = { token: randomUUID(), pid: process.pid, host: hostname() };
  const deadline = Date.now() + options.acquireTimeoutMs;
  for (let attempt = 0; !(await tryCreate(path, owner)); attempt++) {
    if (Date.now() > deadline)
      throw new AppError(
        'STATE_UNAVAILABLE',
        'The state directory stayed locked by another process.',
        `If no bot process is running, delete ${path}.`,
      );
    if (await isStale(path, options.staleMs)) await breakStale(path, options.staleMs);
    else await sleep(Math.min(50, 1 + attempt) * (0.5 + Math.random()));
  }
  try {
    return await fn();
  } finally {
    // Only remove our own lock (it may have been broken as stale while we were stalled).
    if ((await readOwner(path))?.token === owner.token) await unlink(path).catch(() => undefined);
  }
}
