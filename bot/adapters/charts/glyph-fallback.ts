import type { Font } from 'opentype.js';
import type { ChartSpec } from '../../ports/chart-drawer';
import { parseFont } from './font-metrics';

/**
 * Drawn instead of a character the bundled font has no glyph for (it is a subset: Latin, Greek,
 * punctuation, arrows, maths, shapes; no Cyrillic or CJK). resvg would leave a gap and the measurer
 * a wrong width; a white square says "a character was here" and keeps the legend's layout right.
 * Slack's comment and alt text keep the real names, so nothing is lost to the reader.
 */
export const FALLBACK_GLYPH = '\u25A1';

/** Replaces every character `file` cannot draw (whitespace and controls kept) with FALLBACK_GLYPH. */
export function glyphFallback(file: string, font: Font = parseFont(file)): (text: string) => string {
  const known = new Map<string, boolean>();
  const drawable = (ch: string) => {
    let ok = known.get(ch);
    if (ok === undefined) {
      ok = /\s|\p{Cc}/u.test(ch) || font.charToGlyphIndex(ch) > 0;
      known.set(ch, ok);
    }
    return ok;
  };
  return (text) => {
    let out = '';
    for (const ch of text) out += drawable(ch) ? ch : FALLBACK_GLYPH;
    return out;
  };
}

/** The spec with every text that ends up drawn passed through `fix` (titles, names, cells, formatted values). */
export function drawableSpec(spec: ChartSpec, fix: (text: string) => string): ChartSpec {
  const common = {
    title: fix(spec.title),
    format: (v: number) => fix(spec.format(v)),
    ...(spec.emptyText !== undefined ? { emptyText: fix(spec.emptyText) } : {}),
  };
  if (spec.kind === 'table')
    return { ...spec, ...common, columns: spec.columns.map(fix), rows: spec.rows.map((r) => r.map(fix)) };
  return { ...spec, ...common, series: spec.series.map((s) => ({ ...s, name: fix(s.name) })) };
}
