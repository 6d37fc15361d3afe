import { AppError } from '../../domain/errors';

// Segments starting with '.' are reserved: the file store keeps its temp and lock files there.
// eslint-disable-next-line no-control-regex -- control characters are exactly what this rejects
const SEGMENT = /^[^./\\\u0000-\u001f\u007f][^/\\\u0000-\u001f\u007f]*$/;
const MAX_KEY = 1024;
const MAX_SEGMENT = 200;

const bad = (what: string, key: string, why: string) =>
  new AppError(
    'BAD_INPUT',
    `Invalid state ${what} ${JSON.stringify(key.slice(0, 80))}: ${why}.`,
    'Use slash-separated names without empty, "." or ".." parts.',
  );

/** A key is a relative path of safe segments: never absolute, never climbing out with `..`. */
export function validateKey(key: string): string {
  if (typeof key !== 'string' || key.length === 0) throw bad('key', String(key), 'it is empty');
  if (key.length > MAX_KEY) throw bad('key', key, `it is longer than ${MAX_KEY} characters`);
  for (const segment of key.split('/')) {
    if (!SEGMENT.test(segment)) throw bad('key', key, `the part ${JSON.stringify(segment)} is not allowed`);
    if (Buffer.byteLength(segment) > MAX_SEGMENT) throw bad('key', key, 'one part is too long');
  }
  return key;
}

/** A list prefix: empty, or whole segments plus an optional partial last one. */
export function validatePrefix(prefix: string): string {
  if (typeof prefix !== 'string') throw bad('prefix', String(prefix), 'it is not text');
  if (prefix === '') return prefix;
  const segments = prefix.split('/');
  const last = segments.pop()!;
  for (const segment of segments)
    if (!SEGMENT.test(segment))
      throw bad('prefix', prefix, `the part ${JSON.stringify(segment)} is not allowed`);
  if (last !== '' && !SEGMENT.test(last))
    throw bad('prefix', prefix, `the part ${JSON.stringify(last)} is not allowed`);
  return prefix;
}

export const conflict = (key: string, condition: 'absent' | 'version') =>
  new AppError(
    'STATE_CONFLICT',
    condition === 'absent'
      ? `State ${key} already exists.`
      : `State ${key} changed since it was read (or no longer exists).`,
    'Read it again and retry.',
  );

/** Plain ascending order by code unit, which equals S3's UTF-8 byte order for ASCII keys. */
export const byKey = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
