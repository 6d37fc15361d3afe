// The bench's stdout: one aligned plain-text table, readable in a terminal and pasteable into notes.
import type { Row } from './results';

const show = (n: number | undefined, unit = ''): string =>
  n === undefined ? '' : Number.isFinite(n) ? `${n}${unit ? ` ${unit}` : ''}` : 'n/a';

export function renderTable(rows: readonly Row[]): string {
  const header = ['scenario', 'metric', 'measured', 'baseline', 'ratio', 'target', 'met'];
  const cells = rows.map((r) => [
    r.scenario,
    r.metric,
    show(r.value, r.unit),
    show(r.baseline, r.unit),
    r.ratio === undefined ? '' : show(r.ratio, 'x'),
    r.target ?? '',
    r.met === undefined ? '' : r.met ? 'met' : 'MISSED',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => (c[i] as string).length)));
  const line = (c: string[]) => `| ${c.map((v, i) => v.padEnd(widths[i] as number)).join(' | ')} |`;
  const rule = `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`;
  return [line(header), rule, ...cells.map(line)].join('\n');
}
