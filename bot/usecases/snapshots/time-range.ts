/** Time ranges as people type them: `6h`, `30m`, `2d`, `now-6h`, `now`, ISO-8601 or unix seconds. */
const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

export function parseDuration(text: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)(s|m|h|d|w)$/.exec(text.trim());
  return match ? Number(match[1]) * UNIT_MS[match[2]!]! : undefined;
}

export function parseInstant(text: string, now: number): number | undefined {
  const t = text.trim();
  if (t === 'now') return now;
  const relative = /^now-(.+)$/.exec(t);
  if (relative) {
    const ms = parseDuration(relative[1]!);
    return ms === undefined ? undefined : now - ms;
  }
  if (/^\d{9,11}$/.test(t)) return Number(t) * 1000;
  if (/^\d{4}-\d{2}-\d{2}/.test(t)) {
    const ms = Date.parse(/[zZ]|[+-]\d{2}:?\d{2}$/.test(t) || t.length === 10 ? t : `${t}Z`);
    return Number.isNaN(ms) ? undefined : ms;
  }
  return undefined;
}

/** `1h`, `6h`, `2d 3h`-style text for captions. */
export function describeSpan(ms: number): string {
  for (const [unit, size] of [
    ['d', 86_400_000],
    ['h', 3_600_000],
    ['m', 60_000],
  ] as const)
    if (ms >= size && ms % size === 0) return `${ms / size}${unit}`;
  return `${Math.round(ms / 1000)}s`;
}
