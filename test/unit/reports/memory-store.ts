import { AppError } from '../../../bot/domain/errors';
import type { StateStore, Versioned, WriteCondition } from '../../../bot/ports/state-store';

/** An in-memory StateStore with real compare-and-set semantics (shared by several "replicas"). */
export class MemoryStore implements StateStore {
  private readonly data = new Map<string, { json: string; version: string }>();
  private counter = 0;
  puts = 0;

  async get<T>(key: string): Promise<Versioned<T> | undefined> {
    await Promise.resolve();
    const entry = this.data.get(key);
    return entry ? { value: JSON.parse(entry.json) as T, version: entry.version } : undefined;
  }

  async put<T>(key: string, value: T, condition?: WriteCondition): Promise<string> {
    await Promise.resolve();
    const current = this.data.get(key);
    if (condition === 'absent' && current) throw new AppError('STATE_CONFLICT', `${key} exists`);
    if (condition && condition !== 'absent' && current?.version !== condition.version) {
      throw new AppError('STATE_CONFLICT', `${key} changed`);
    }
    const version = `v${++this.counter}`;
    this.data.set(key, { json: JSON.stringify(value), version });
    this.puts++;
    return version;
  }

  async list(prefix: string): Promise<string[]> {
    await Promise.resolve();
    return [...this.data.keys()].filter((k) => k.startsWith(prefix)).sort();
  }

  async delete(key: string): Promise<void> {
    await Promise.resolve();
    this.data.delete(key);
  }
}
