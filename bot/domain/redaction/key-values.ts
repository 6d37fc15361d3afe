import { MASK } from './mask';
import { isProviderReference } from './provider-ref';
import { scanValue } from './quoted';
import { isJaasKey, isSecretKey } from './secret-keys';

const LINE = /^([ \t]*(?:export[ \t]+)?)([A-Za-z_][\w.-]*)([ \t]*[=:][ \t]*)(\S.*?)[ \t]*$/gm;
const INLINE = /(?<![\w.\\])(\\*["']?)([A-Za-z_][\w.-]*)\1\s*(?:=|:(?!\/\/))\s*/g;
const BARE_STOPS = /[\s"'&;,)}\]<>|`\\]/;
const HEADER_STOPS = /[\r\n"'\\]/;
const KEEP_BARE = new Set(['null', 'true', 'false', '', MASK]);

const startsStructure = (value: string) => /^(?:[{[]|\$\{)/.test(value);

/**
 * `key=value` / `key: value` lines (properties, env files, YAML, headers): the whole rest of the line
 * is the value, so secrets with spaces are hidden too. Quoted and structured values are left to the
 * inline pass, JAAS entries to the JAAS pass.
 */
export function redactKeyValueLines(text: string): string {
  return text.replace(LINE, (line, lead: string, key: string, sep: string, value: string) => {
    if (!isSecretKey(key) || isProviderReference(value) || /^\\*["']/.test(value) || startsStructure(value))
      return line;
    if (isJaasKey(key) && value.includes('LoginModule')) return line;
    if (value === MASK) return line;
    return `${lead}${key}${sep}${MASK}`;
  });
}

/** `key=value`, `"key": "value"`, `\"key\":\"value\"` anywhere in text. */
export function redactInlineKeyValues(text: string): string {
  let out = '';
  let copied = 0;
  INLINE.lastIndex = 0;
  for (let match = INLINE.exec(text); match; match = INLINE.exec(text)) {
    const key = match[2]!;
    const valueStart = INLINE.lastIndex;
    if (!isSecretKey(key)) continue;
    const words = key.toLowerCase();
    const value = scanValue(text, valueStart, words.includes('authorization') ? HEADER_STOPS : BARE_STOPS);
    const content = value.content;
    const quoted = value.open !== '';
    if (isProviderReference(content) || (startsStructure(content) && !quoted)) continue;
    if (isJaasKey(key) && content.includes('LoginModule')) continue;
    if (!quoted && KEEP_BARE.has(content)) continue;
    if (quoted && (content === '' || content === MASK)) continue;
    const contentStart = valueStart + value.open.length;
    out += text.slice(copied, contentStart) + MASK;
    copied = contentStart + content.length;
    INLINE.lastIndex = Math.max(INLINE.lastIndex, value.end);
  }
  return out + text.slice(copied);
}
