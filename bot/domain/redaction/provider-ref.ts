/**
 * A Kafka Connect config-provider reference such as `${file:/secrets/x.properties:password}` or
 * `${env:FOO}`: it names where the secret lives, is not the secret, and stays visible.
 */
const REFERENCE = /^\$\{[A-Za-z][\w.-]*:[^{}\s]*\}$/;

export const isProviderReference = (value: string): boolean => REFERENCE.test(value.trim());

const REFERENCES = /\$\{[A-Za-z][\w.-]*:[^{}\s]*\}/g;
const PLACEHOLDER = /\$\{keep:(\d+)\}/g;

/**
 * Runs `redact` with every reference swapped for a short placeholder that is itself a reference,
 * so no rule looks inside one (`${directory:/mnt/secrets:key}` holds the word "secrets").
 */
export function withReferencesKept(text: string, redact: (s: string) => string): string {
  const kept: string[] = [];
  const masked = text.replace(REFERENCES, (ref) => `\${keep:${kept.push(ref) - 1}}`);
  if (kept.length === 0) return redact(text);
  return redact(masked).replace(PLACEHOLDER, (placeholder, n: string) => kept[Number(n)] ?? placeholder);
}
