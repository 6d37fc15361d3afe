import { MASK } from './mask';
import { isProviderReference } from './provider-ref';
import { scanValue } from './quoted';

/** JAAS options that identify, never authenticate: they stay readable. Every other option is hidden. */
const VISIBLE_OPTIONS = new Set(
  [
    'username',
    'user',
    'serviceName',
    'principal',
    'useKeyTab',
    'keyTab',
    'storeKey',
    'useTicketCache',
    'debug',
    'doNotPrompt',
    'refreshKrb5Config',
    'isInitiator',
    'awsRoleArn',
    'awsRoleSessionName',
    'awsStsRegion',
    'awsProfileName',
    'awsDebugCreds',
    'unsecuredLoginStringClaim_sub',
    'clientId',
    'scope',
  ].map((o) => o.toLowerCase()),
);

// The lookbehind starts a match only at the beginning of a name, keeping long words linear.
const MODULE = /(?<![\w$.])[\w$.]*LoginModule\s+(?:required|requisite|sufficient|optional)\b/g;
// Options may be spread over lines with properties-file continuations (a backslash before the newline).
const OPTION = /(?:\s|\\\r?\n)*([\w.$-]+)\s*=\s*/y;
const BARE_STOPS = /[\s;"'\\]/;

/** Hides the secret options of every JAAS entry in `text` (`... LoginModule required a="b" ...;`). */
export function redactJaas(text: string): string {
  let out = '';
  let copied = 0;
  for (const match of text.matchAll(MODULE)) {
    let at = match.index + match[0].length;
    if (at < copied) continue;
    for (;;) {
      OPTION.lastIndex = at;
      const option = OPTION.exec(text);
      if (!option) break;
      const value = scanValue(text, OPTION.lastIndex, BARE_STOPS);
      if (
        !VISIBLE_OPTIONS.has(option[1]!.toLowerCase()) &&
        !isProviderReference(value.content) &&
        value.content !== ''
      ) {
        const contentStart = OPTION.lastIndex + value.open.length;
        out += text.slice(copied, contentStart) + MASK;
        copied = contentStart + value.content.length;
      }
      at = value.end;
    }
  }
  return out + text.slice(copied);
}

export const looksLikeJaas = (text: string): boolean => new RegExp(MODULE.source).test(text);
