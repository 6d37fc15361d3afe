import type { StateStore, Versioned, WriteCondition } from '../../bot/ports/state-store';

/** Wraps a StateStore and counts calls, to prove how much work a use case does. */
export class CountingStore implements StateStore {
  readonly calls = { get: 0, put: 0, list: [] as string[], delete: 0 };
  constructor(private readonly inner: StateStore) {}
  get<T>(key: string): Promise<Versioned<T> | undefined> {
    this.calls.get++;
    return this.inner.get<T>(key);
  }
  put<T>(key: string, value: T, condition?: WriteCondition): Promise<string> {
    this.calls.put++;
    return this.inner.put(key, value, condition);
  }
  list(prefix: string): Promise<string[]> {
    this.calls.list.push(prefix);
    return this.inner.list(prefix);
  }
  delete(key: string): Promise<void> {
    this.calls.delete++;
    return this.inner.delete(key);
  }
  reset(): void {
    this.calls.get = 0;
    this.calls.put = 0;
    this.calls.list = [];
    this.calls.delete = 0;
  }
}
