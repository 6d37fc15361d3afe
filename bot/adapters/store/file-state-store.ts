import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, unlink } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import { AppError, isAppError } from '../../domain/errors';
import type { StateStore, Versioned, WriteCondition } from '../../ports/state-store';
import { withFileLock, type FileLockOptions } from './file-lock';
import { KeyMutex } from './key-mutex';
import { byKey, conflict, validateKey, validatePrefix } from './state-keys';

/** What one file holds. `version` is `<write count>-<random>`, so a rewrite never reuses a version. */
interface Entry {
  version: string;
  value: unknown;
}

export interface FileStateStoreOptions extends Partial<FileLockOptions> {
  dir: string;
  /** fsync each write before the rename (survives power loss, not just a crash). Default true. */
  fsync?: boolean;
}

const codeOf = (error: unknown) => (error as NodeJS.ErrnoException)?.code;

const unavailable = (what: string, error: unknown) =>
  isAppError(error)
    ? error
    : new AppError(
        'STATE_UNAVAILABLE',
        `Could not ${what} in the state directory (${codeOf(error) ?? 'error'}).`,
        'Check that MM2_STATE points at a writable directory.',
        { cause: error },
      );

/**
 * StateStore on a local directory: one JSON file per key, written to a temp file and renamed into
 * place (readers never see half a file); writes to one key are serialised by an in-process queue
 * plus a lock file, so compare-and-set holds across processes sharing the directory.
 */
export class FileStateStore implements StateStore {
  private readonly root: string;
  private readonly mutex = new KeyMutex();
  private readonly lock: FileLockOptions;
  private readonly fsync: boolean;

  constructor(options: FileStateStoreOptions) {
    this.root = resolve(options.dir);
    this.lock = { acquireTimeoutMs: options.acquireTimeoutMs ?? 10_000, staleMs: options.staleMs ?? 30_000 };
    this.fsync = options.fsync ?? true;
  }

  async get<T>(key: string): Promise<Versioned<T> | undefined> {
    const entry = await this.read(this.pathOf(key));
    return entry && { value: entry.value as T, version: entry.version };
  }

  async put<T>(key: string, value: T, condition?: WriteCondition): Promise<string> {
    const path = this.pathOf(key);
    const json = JSON.stringify(value);
    if (json === undefined) throw new AppError('BAD_INPUT', `State ${key}: the value is not JSON.`);
    return this.exclusive(path, async () => {
      const current = await this.read(path);
      if (condition === 'absent' && current) throw conflict(key, 'absent');
      if (typeof condition === 'object' && current?.version !== condition.version)
        throw conflict(key, 'version');
      const count = Number.parseInt(current?.version ?? '0', 10) || 0;
      const version = `${count + 1}-${randomBytes(6).toString('hex')}`;
      await this.writeAtomically(path, `{"version":${JSON.stringify(version)},"value":${json}}`);
      return version;
    });
  }

  async list(prefix: string): Promise<string[]> {
    validatePrefix(prefix);
    const slash = prefix.lastIndexOf('/');
    const base = prefix.slice(0, slash + 1);
    const keys: string[] = [];
    await this.walk(join(this.root, base), base, prefix, keys);
    return keys.sort(byKey);
  }

  async delete(key: string): Promise<void> {
    const path = this.pathOf(key);
    await this.exclusive(path, async () => {
      await unlink(path).catch((error) => {
        if (codeOf(error) !== 'ENOENT') throw unavailable(`delete ${key}`, error);
      });
    });
  }

  private pathOf(key: string): string {
    const path = resolve(this.root, validateKey(key));
    // validateKey already rules out escaping; this guards against future changes to it.
    if (!path.startsWith(this.root + sep))
      throw new AppError('BAD_INPUT', `State key ${key} leaves the state directory.`);
    return path;
  }

  private async read(path: string): Promise<Entry | undefined> {
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      if (codeOf(error) === 'ENOENT' || codeOf(error) === 'ENOTDIR') return undefined;
      throw unavailable('read state', error);
    }
    try {
      return JSON.parse(text) as Entry;
    } catch (error) {
      throw new AppError(
        'STATE_UNAVAILABLE',
        `The state file ${path} is not valid JSON.`,
        'Fix or delete it.',
        {
          cause: error,
        },
      );
    }
  }

  private exclusive<T>(path: string, fn: () => Promise<T>): Promise<T> {
    const lockPath = join(dirname(path), `.${path.slice(dirname(path).length + 1)}.lock`);
    return this.mutex.run(path, async () => {
      try {
        await mkdir(dirname(path), { recursive: true });
        return await withFileLock(lockPath, this.lock, fn);
      } catch (error) {
        throw unavailable('write state', error);
      }
    });
  }

  private async writeAtomically(path: string, content: string): Promise<void> {
    const temp = join(dirname(path), `.${randomBytes(8).toString('hex')}.tmp`);
    const handle = await open(temp, 'wx');
    try {
      await handle.writeFile(content);
      if (this.fsync) await handle.sync();
    } finally {
      await handle.close();
    }
    try {
      await rename(temp, path);
    } catch (error) {
      await unlink(temp).catch(() => undefined);
      throw error;
    }
  }

  private async walk(dir: string, base: string, prefix: string, out: string[]): Promise<void> {
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (error) {
      if (codeOf(error) === 'ENOENT' || codeOf(error) === 'ENOTDIR') return;
      throw unavailable('list state', error);
    }
    await Promise.all(
      entries
        .filter((e) => !e.name.startsWith('.'))
        .map(async (e) => {
          const key = base + e.name;
          if (e.isDirectory()) {
            if (`${key}/`.startsWith(prefix) || prefix.startsWith(`${key}/`))
              await this.walk(join(dir, e.name), `${key}/`, prefix, out);
          } else if (e.isFile() && key.startsWith(prefix)) out.push(key);
        }),
    );
  }
}
