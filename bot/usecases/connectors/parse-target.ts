export interface TargetArgs {
  /** A connector name or `all`; undefined when not given. */
  target?: string;
  flags: string[];
}

/** `[name|all] [--flag ...]`: at most one name, only the given flags. */
export function parseTarget(
  args: string[],
  allowedFlags: string[],
  required: boolean,
): { ok: true; args: TargetArgs } | { ok: false; error: string } {
  const flags = args.filter((a) => a.startsWith('--'));
  const names = args.filter((a) => !a.startsWith('--'));
  const unknown = flags.filter((f) => !allowedFlags.includes(f));
  if (unknown.length > 0) {
    const allowed = allowedFlags.length > 0 ? ` (allowed: ${allowedFlags.join(', ')})` : '';
    return { ok: false, error: `unknown option ${unknown.join(', ')}${allowed}` };
  }
  if (names.length > 1) return { ok: false, error: `one connector name or "all", not ${names.length} names` };
  if (required && names.length === 0) return { ok: false, error: 'say which connector, or "all"' };
  return { ok: true, args: { target: names[0], flags } };
}
