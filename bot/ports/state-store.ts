/**
 * Durable key/value state with compare-and-set. Keys are slash-separated paths
 * (e.g. `approvals/<id>.json`); values are JSON. `version` is opaque (an ETag on S3).
 */
export interface Versioned<T> {
  value: T;
  version: string;
}

/** `absent`: write only if the key does not exist; `{ version }`: only if unchanged since read. */
export type WriteCondition = 'absent' | { version: string };

export interface StateStore {
  get<T>(key: string): Promise<Versioned<T> | undefined>;
  /** Resolves with the new version; rejects with AppError `STATE_CONFLICT` when the condition fails. */
  put<T>(key: string, value: T, condition?: WriteCondition): Promise<string>;
  /** Keys under a prefix, sorted ascending. */
  list(prefix: string): Promise<string[]>;
  delete(key: string): Promise<void>;
}
