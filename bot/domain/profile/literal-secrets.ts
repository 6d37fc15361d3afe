const SECRET_KEY = /password|secret|jaas|token|credential|(^|\.)key$/i;
const PROVIDER_REF = /\$\{(file|env|directory):[^}]+\}/;

/** Keys of connector settings that look secret but are not provider references, as `overrides.source.<key>`. */
export function findLiteralSecrets(
  overrides: Partial<Record<string, Record<string, unknown> | undefined>>,
): string[] {
  const found: string[] = [];
  for (const [role, settings] of Object.entries(overrides)) {
    for (const [key, value] of Object.entries(settings ?? {})) {
      if (SECRET_KEY.test(key) && !(typeof value === 'string' && PROVIDER_REF.test(value))) {
        found.push(`overrides.${role}.${key}`);
      }
    }
  }
  return found;
}
