import { byKey, conflict, validateKey, validatePrefix } from '../../bot/adapters/store/state-keys';
import type { StateStore, Versioned, WriteCondition } from '../../bot/ports/state-store';

/**
 * An in-memory StateStore for unit tests. Values go through JSON like the real stores, so tests
 * catch non-serialisable state and shared-reference bugs. Passes the same contract suite.
 */
export class MemoryStateStore implements StateStore {
  private readonly entries = new Map<string, { json: string; version: string }>();
  private writes = 0;

  async get<T>(key: string): Promise<Versioned<T> | undefined> {
    const entry = this.entries.get(validateKey(key));
    await Promise.resolve();
    return entry ? { value: JSON.parse(entry.json) as T, version: entry.version } : undefined;
  }

  async put<T>(key: string, value: T, condition?: WriteCondition): Promise<string> {
    validateKey(key);
    const json = JSON.stringify(value);
    if (json === undefined) throw new TypeError(`State ${key}: value is not JSON`);
    // Yield first so concurrent callers interleave as they would against a real store.
    await Promise.resolve();
    const current = this.entries.get(key);
    if (condition === 'absent' && current) throw conflict(key, 'absent');
    if (typeof condition === 'object' && current?.version !== condition.version)
      throw conflict(key, 'version');
    const version = `m${++this.writes}`;
    this.entries.set(key, { json, version });
    return version;
  }

  async list(prefix: string): Promise<string[]> {
    validatePrefix(prefix);
    await Promise.resolve();
    return [...this.entries.keys()].filter((k) => k.startsWith(prefix)).sort(byKey);
  }

  async delete(key: string): Promise<void> {
    validateKey(key);
    await Promise.resolve();
    this.entries.delete(key);
  }

  /** Test helper: how many keys are stored. */
  size(): number {
    return this.entries.size;
  }
}
