import type { ChartTheme } from '../../ports/chart-drawer';
import { parseDuration, parseInstant } from './time-range';

/** `/mm2 snapshot [panel] [--range 6h | --from … --to …] [var=value …] [--dark]` */
export interface SnapshotArgs {
  /** Words naming the panel; empty: list the panels. */
  panel: string;
  range: { kind: 'relative'; ms: number } | { kind: 'absolute'; from: string; to: string };
  vars: Record<string, string[]>;
  theme: ChartTheme;
}

export const DEFAULT_RANGE_MS = 3_600_000;
const MAX_RANGE_MS = 31 * 86_400_000;

export type ParsedSnapshotArgs = { ok: true; args: SnapshotArgs } | { ok: false; error: string };

export function parseSnapshotArgs(tokens: string[]): ParsedSnapshotArgs {
  const panel: string[] = [];
  const vars: Record<string, string[]> = {};
  let range: SnapshotArgs['range'] = { kind: 'relative', ms: DEFAULT_RANGE_MS };
  let from: string | undefined;
  let to: string | undefined;
  let theme: ChartTheme = 'light';
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const [flag, inline] = token.startsWith('--') ? token.split('=', 2) : [token, undefined];
    const value = () => inline ?? tokens[++i];
    if (flag === '--range') {
      const text = value();
      const ms = text === undefined ? undefined : parseDuration(text);
      if (ms === undefined || ms <= 0 || ms > MAX_RANGE_MS)
        return {
          ok: false,
          error: `--range wants a duration up to 31d such as 30m, 6h or 2d (got "${text ?? ''}").`,
        };
      range = { kind: 'relative', ms };
    } else if (flag === '--from') from = value();
    else if (flag === '--to') to = value();
    else if (flag === '--dark') theme = 'dark';
    else if (flag === '--light') theme = 'light';
    else if (flag === '--theme') {
      const t = value();
      if (t !== 'dark' && t !== 'light') return { ok: false, error: '--theme is light or dark.' };
      theme = t;
    } else if (token.startsWith('--')) return { ok: false, error: `Unknown option ${flag}.` };
    else if (/^[A-Za-z_][\w]*=/.test(token)) {
      const [name, raw] = [token.slice(0, token.indexOf('=')), token.slice(token.indexOf('=') + 1)];
      const values = raw
        .split(',')
        .map((v) => v.trim())
        .filter(Boolean);
      if (values.length === 0) return { ok: false, error: `${name}= needs a value, e.g. ${name}=orders.` };
      vars[name] = values;
    } else panel.push(token);
  }
  if (from !== undefined || to !== undefined) {
    const now = Date.now();
    const f = from === undefined ? undefined : parseInstant(from, now);
    const t = to === undefined ? now : parseInstant(to, now);
    if (f === undefined || t === undefined)
      return {
        ok: false,
        error:
          '--from and --to take now, now-6h, an ISO time (2026-05-01T10:00Z) or unix seconds; --from is required with --to.',
      };
    if (t <= f || t - f > MAX_RANGE_MS)
      return { ok: false, error: '--from must be before --to, at most 31 days apart.' };
    range = { kind: 'absolute', from: from!, to: to ?? 'now' };
  }
  return { ok: true, args: { panel: panel.join(' '), range, vars, theme } };
}

/** The range in unix milliseconds at `now`. */
export function resolveRange(range: SnapshotArgs['range'], now: number): { from: number; to: number } {
  if (range.kind === 'relative') return { from: now - range.ms, to: now };
  return {
    from: parseInstant(range.from, now) ?? now - DEFAULT_RANGE_MS,
    to: parseInstant(range.to, now) ?? now,
  };
}
