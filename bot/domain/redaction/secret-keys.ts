/** Words that make a setting's value a secret, matched against the key with separators removed. */
const SECRET_WORDS =
  /password|passwd|passphrase|secret|token|credential|apikey|accesskey|privatekey|sessionkey|keystorekey|jaas|userinfo|cookie|signature/;
/** The Authorization header (and Proxy-Authorization): only as the key's last word, not in `TopicAuthorizationException`. */
const HEADER_WORDS = new Set(['authorization']);
const SECRET_PARTS = new Set(['pass', 'pwd', 'pw']);

/** A key ending in one of these names something about a secret, not the secret (`token.endpoint.url`). */
const DESCRIBES_A_SECRET = new Set([
  'url',
  'uri',
  'endpoint',
  'location',
  'type',
  'file',
  'path',
  'dir',
  'class',
  'classes',
  'enable',
  'enabled',
  'ms',
  'seconds',
  'arn',
  'algorithm',
  'algorithms',
  'provider',
  'providers',
  'name',
  'mode',
  'expiry',
  'ttl',
  'length',
  'count',
  'format',
  // A Java exception or error class: what follows is a cause, not a secret (`TokenExpiredException: ...`).
  'exception',
  'error',
]);

const wordsOf = (key: string) =>
  key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);

/** Whether the value stored under this key (JSON, properties, headers, env) must be hidden. */
export function isSecretKey(key: string): boolean {
  const words = wordsOf(key);
  if (words.length === 0) return false;
  if (DESCRIBES_A_SECRET.has(words[words.length - 1]!)) return false;
  return (
    SECRET_WORDS.test(words.join('')) ||
    words.some((w) => SECRET_PARTS.has(w)) ||
    HEADER_WORDS.has(words[words.length - 1]!)
  );
}

export const isJaasKey = (key: string): boolean => wordsOf(key).join('').includes('jaas');
