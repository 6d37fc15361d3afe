import type { ConfigDiff } from './config-diff';
import type { Redactor } from './deps';

/** A unified-diff-like text of a config change, with every value passed through the redactor. */
export function diffText(name: string, diff: ConfigDiff, redactor: Redactor): string {
  const shown = (key: string, value: string): string =>
    redactor.text(redactor.value({ [key]: value })[key] ?? '');
  if (diff.kind === 'same') return `${name}: no change`;
  const lines = [diff.kind === 'new' ? `${name}: new connector` : `${name}: changed`];
  for (const [key, before, after] of diff.changed) {
    lines.push(`- ${key}=${shown(key, before)}`, `+ ${key}=${shown(key, after)}`);
  }
  for (const [key, value] of diff.removed) lines.push(`- ${key}=${shown(key, value)}`);
  for (const [key, value] of diff.added) lines.push(`+ ${key}=${shown(key, value)}`);
  return lines.join('\n');
}
