import { randomBytes } from 'node:crypto';
import { link, mkdir, open, readdir, readFile, rename, unlink } from 'node:fs/promises';
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

/** `<write count>-<random>`: counts on from the current version, and never repeats one. */
const nextVersion = (current: string | undefined) =>
  `${(Number.parseInt(current ?? '0', 10) || 0) + 1}-${randomBytes(6).toString('hex')}`;

const entryText = (version: string, json: string) => `{"version":${JSON.stringify(version)},"value":${json}}`;

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
 * plus a lock file (creates need none: see create), so compare-and-set holds across processes sharing
 * the directory.
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
    if (condition === 'absent') return this.mutex.run(path, () => this.create(key, path, json));
    return this.exclusive(path, async () => {
      const current = await this.read(path);
      if (condition !== undefined && current?.version !== condition.version) throw conflict(key, 'version');
      const version = nextVersion(current?.version);
      await this.writeAtomically(path, entryText(version, json));
      return version;
    });
  }

  /**
   * Create-if-absent without the lock file (the audit trail does this for every command): a complete
   * temp file is hard-linked into place, and link() fails with EEXIST when the key exists, atomically,
   * also against another process. Half the file-system calls of a locked write.
   */
  private async create(key: string, path: string, json: string): Promise<string> {
    const version = nextVersion(undefined);
    try {
      const temp = await this.writeTemp(path, entryText(version, json));
      try {
        await link(temp, path);
      } finally {
        await unlink(temp).catch(() => undefined);
      }
    } catch (error) {
      if (codeOf(error) === 'EEXIST') throw conflict(key, 'absent');
      throw unavailable('write state', error);
    }
    return version;
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

  /** A complete (and, by default, synced) temp file beside `path`; its folder is made when missing. */
  private async writeTemp(path: string, content: string): Promise<string> {
    const temp = join(dirname(path), `.${randomBytes(8).toString('hex')}.tmp`);
    const handle = await open(temp, 'wx').catch(async (error: unknown) => {
      if (codeOf(error) !== 'ENOENT') throw error;
      await mkdir(dirname(path), { recursive: true });
      return open(temp, 'wx');
    });
    try {
      await handle.writeFile(content);
      if (this.fsync) await handle.sync();
    } finally {
      await handle.close();
    }
    return temp;
  }

  private async writeAtomically(path: string, content: string): Promise<void> {
    const temp = await this.writeTemp(path, content);
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
