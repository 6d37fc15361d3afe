import { MASK } from './mask';
import { isSecretKey } from './secret-keys';

/** Secrets recognisable by their shape, wherever they appear. */
const SHAPES: Array<[RegExp, string]> = [
  // PEM private keys (keystore material pasted inline).
  [/(-----BEGIN [A-Z ]*PRIVATE KEY-----)[\s\S]*?(-----END [A-Z ]*PRIVATE KEY-----|$)/g, `$1${MASK}$2`],
  // Credentials in URLs: scheme://user:password@host keeps the user and the host. The password may
  // hold `/` and `@`: it runs to the last `@` that is followed by a host (and port) and the path.
  [
    /(?<![\w+.-])([a-z][\w+.-]*:\/\/[^\s:@/?#]*):(\S{1,256}?)@(?=[A-Za-z0-9.-]+(?::\d+)?(?:[/?#\s"'<>),;\]]|$))(?![^\s@]*@[A-Za-z0-9.-]+(?::\d+)?(?:[/?#\s"'<>),;\]]|$))/gi,
    `$1:${MASK}@`,
  ],
  // Slack tokens: bot, user, app-level, refresh / rotated (xoxe.xoxp-...), configuration tokens.
  [/\b((?:xox[a-z](?:\.xox[a-z])?|xapp)-)[A-Za-z0-9-]+/g, `$1${MASK}`],
  // Slack incoming webhooks.
  [/(hooks\.slack\.com\/(?:services|workflows|triggers)\/)[A-Za-z0-9/_-]+/g, `$1${MASK}`],
  // AWS access key ids.
  [/\b(?:AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AIPA|ANPA|ANVA|APKA|AROA)[A-Z0-9]{16}\b/g, MASK],
  // GitHub tokens and JWTs (OAuth bearer tokens).
  [/\bgh[pousr]_[A-Za-z0-9]{20,}\b/g, MASK],
  [/\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g, MASK],
  // Bearer credentials in any header-like text.
  [/\b(Bearer\s+)[A-Za-z0-9\-._~+/]+=*/g, `$1${MASK}`],
];

// Connect's validation message repeats the value it refused, secret or not.
const INVALID_VALUE = /\b(Invalid value )(.{1,1000}?)( for configuration )([\w.-]+)/g;

export function redactShapes(text: string): string {
  let out = text;
  for (const [pattern, replacement] of SHAPES) out = out.replace(pattern, replacement);
  return out.replace(INVALID_VALUE, (whole, lead: string, _value: string, mid: string, key: string) =>
    isSecretKey(key) ? `${lead}${MASK}${mid}${key}` : whole,
  );
}

// A 40-character base64-ish run on its own: the shape of an AWS secret access key.
const AWS_SECRET = /(?<![A-Za-z0-9/+])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])/g;

/** Hex digests (git commits, SHA-1) share the length; a secret key mixes cases. */
export function redactAwsSecretKeys(text: string): string {
  return text.replace(AWS_SECRET, (run) => (/[A-Z]/.test(run) && /[a-z]/.test(run) ? MASK : run));
}
