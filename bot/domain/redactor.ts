import { isJaasKey, isSecretKey } from './redaction/secret-keys';
import { looksLikeJaas, redactJaas } from './redaction/jaas';
import { redactInlineKeyValues, redactKeyValueLines } from './redaction/key-values';
import { MASK } from './redaction/mask';
import { redactAwsSecretKeys, redactShapes } from './redaction/patterns';
import { isProviderReference, withReferencesKept } from './redaction/provider-ref';

export { MASK as REDACTED } from './redaction/mask';

/** The one redactor in front of everything the bot posts or logs. */
export interface Redactor {
  /** Hides secrets in free text (JSON, properties, JAAS, headers, URLs, logs). */
  text(s: string): string;
  /** A copy of a value (objects, arrays, errors, strings) with secrets hidden; the input is untouched. */
  value<T>(v: T): T;
  /** Registers a secret known at run time (e.g. a token read from config); it is hidden from then on. */
  addSecret(secret: string): void;
}

export interface RedactorOptions {
  /** Exact strings that must never appear (tokens from config...). Shorter than 4 characters: ignored. */
  secrets?: string[];
}

const MIN_SECRET = 4;
/**
 * Short strings repeat (every Block Kit view is mostly `section`, `mrkdwn`, labels, names), and the
 * rules cost ~10 µs a string: results for strings up to 64 characters are remembered (at most 4,096,
 * forgotten when a secret is added, so the output is always what the rules give now).
 */
const MEMO_MAX_LENGTH = 64;
const MEMO_MAX_ENTRIES = 4096;

const rules = (s: string) =>
  redactAwsSecretKeys(redactInlineKeyValues(redactKeyValueLines(redactJaas(redactShapes(s)))));
const MAX_DEPTH = 64;

/** The forms a registered secret can take in output: raw, escaped inside JSON, URL-encoded. */
const variantsOf = (secret: string) => [
  ...new Set([secret, JSON.stringify(secret).slice(1, -1), encodeURIComponent(secret)]),
];

export function createRedactor(options: RedactorOptions = {}): Redactor {
  let known: string[] = [];
  const memo = new Map<string, string>();
  const addSecret = (secret: string) => {
    if (typeof secret !== 'string' || secret.length < MIN_SECRET) return;
    known = [...new Set([...known, ...variantsOf(secret)])].sort((a, b) => b.length - a.length);
    memo.clear();
  };
  (options.secrets ?? []).forEach(addSecret);

  const redactText = (s: string): string => {
    let out = s;
    for (const secret of known) out = out.split(secret).join(MASK);
    return withReferencesKept(out, rules);
  };
  const text = (s: string): string => {
    if (typeof s !== 'string' || s === '') return s;
    if (s.length > MEMO_MAX_LENGTH) return redactText(s);
    let out = memo.get(s);
    if (out === undefined) {
      if (memo.size >= MEMO_MAX_ENTRIES) memo.clear();
      out = redactText(s);
      memo.set(s, out);
    }
    return out;
  };

  const secretValue = (key: string, v: unknown, depth: number, seen: WeakMap<object, unknown>): unknown => {
    if (typeof v === 'string') {
      if (v === '' || isProviderReference(v)) return v;
      if (isJaasKey(key) && looksLikeJaas(v)) return text(v);
      return MASK;
    }
    if (typeof v === 'number' || typeof v === 'bigint') return MASK;
    if (v !== null && typeof v === 'object' && depth < MAX_DEPTH) {
      // Everything under a secret key is secret, whatever its inner keys are called.
      if (Array.isArray(v)) return v.map((item) => secretValue(key, item, depth + 1, seen));
      return Object.fromEntries(
        Object.entries(v).map(([k, item]) => [k, secretValue(key, item, depth + 1, seen)]),
      );
    }
    return v;
  };

  const walk = (v: unknown, depth: number, seen: WeakMap<object, unknown>): unknown => {
    if (typeof v === 'string') return text(v);
    if (v === null || typeof v !== 'object') return v;
    if (depth >= MAX_DEPTH) return MASK;
    if (seen.has(v)) return seen.get(v);
    if (v instanceof Date || v instanceof RegExp || ArrayBuffer.isView(v)) return v;
    if (Array.isArray(v)) {
      const copy: unknown[] = [];
      seen.set(v, copy);
      for (const item of v) copy.push(walk(item, depth + 1, seen));
      return copy;
    }
    if (v instanceof Map) {
      const copy = new Map();
      seen.set(v, copy);
      for (const [k, item] of v)
        copy.set(
          k,
          typeof k === 'string' && isSecretKey(k)
            ? secretValue(k, item, depth, seen)
            : walk(item, depth + 1, seen),
        );
      return copy;
    }
    if (v instanceof Set) {
      const copy = new Set();
      seen.set(v, copy);
      for (const item of v) copy.add(walk(item, depth + 1, seen));
      return copy;
    }
    // Objects that say how they serialise (URL, Buffer-likes, custom classes) are redacted as that.
    const toJSON = (v as { toJSON?: unknown }).toJSON;
    if (typeof toJSON === 'function' && !(v instanceof Error)) return walk(toJSON.call(v), depth + 1, seen);
    // Errors keep their prototype (instanceof still works); their message and stack are own,
    // non-enumerable properties and are redacted too. Other objects become plain copies: a built-in
    // with internal slots would break if copied with its prototype.
    const proto = v instanceof Error ? (Object.getPrototypeOf(v) as object) : Object.prototype;
    const copy = Object.create(proto) as Record<string, unknown>;
    seen.set(v, copy);
    const names = v instanceof Error ? Object.getOwnPropertyNames(v) : Object.keys(v);
    for (const k of names) {
      const item = (v as Record<string, unknown>)[k];
      const redacted = isSecretKey(k) ? secretValue(k, item, depth, seen) : walk(item, depth + 1, seen);
      Object.defineProperty(copy, k, {
        value: redacted,
        enumerable: Object.prototype.propertyIsEnumerable.call(v, k),
        writable: true,
        configurable: true,
      });
    }
    return copy;
  };

  return {
    text,
    value: <T>(v: T): T => walk(v, 0, new WeakMap()) as T,
    addSecret,
  };
}
