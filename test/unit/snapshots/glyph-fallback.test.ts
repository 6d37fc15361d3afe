// The bundled font is a subset: what it cannot draw becomes a visible square, in every text a chart draws.
import { echartsDrawer } from '../../../bot/adapters/charts/echarts-drawer';
import { FONT_FILE } from '../../../bot/adapters/charts/font-metrics';
import { drawableSpec, FALLBACK_GLYPH, glyphFallback } from '../../../bot/adapters/charts/glyph-fallback';
import type { TableChart, TimeseriesChart } from '../../../bot/ports/chart-drawer';

jest.setTimeout(30_000);

const fix = glyphFallback(FONT_FILE);

test('keeps what the font draws (Latin, accents, Greek, units) and squares the rest', () => {
  expect(fix('orders records/s')).toBe('orders records/s');
  expect(fix('café µs 25 °C α→β')).toBe('café µs 25 °C α→β');
  expect(fix('заказы')).toBe(FALLBACK_GLYPH.repeat(6));
  expect(fix('注文 orders')).toBe(`${FALLBACK_GLYPH.repeat(2)} orders`);
  // One square per character, not per UTF-16 unit (an emoji is one character).
  expect(fix('lag 🚀')).toBe(`lag ${FALLBACK_GLYPH}`);
  expect(fix('a\tb')).toBe('a\tb');
});

const series = (names: string[]): TimeseriesChart => ({
  kind: 'timeseries',
  title: 'Записи',
  width: 400,
  height: 200,
  theme: 'light',
  format: (v) => `${v} шт`,
  from: 0,
  to: 60_000,
  series: names.map((name, k) => ({
    name,
    points: Array.from({ length: 7 }, (_, i) => [i * 10_000, k + i] as [number, number]),
  })),
});

test('passes titles, series names, formatted values, columns and cells through the fallback', () => {
  const ts = drawableSpec(series(['заказы', 'orders']), fix) as TimeseriesChart;
  expect([ts.title, ...ts.series.map((s) => s.name), ts.format(3)]).toEqual([
    FALLBACK_GLYPH.repeat(6),
    FALLBACK_GLYPH.repeat(6),
    'orders',
    `3 ${FALLBACK_GLYPH.repeat(2)}`,
  ]);
  const table: TableChart = {
    kind: 'table',
    title: 'Connectors',
    width: 400,
    height: 200,
    theme: 'light',
    format: String,
    columns: ['имя', 'state'],
    rows: [['мост', 'RUNNING']],
  };
  const t = drawableSpec(table, fix) as TableChart;
  expect([t.columns, t.rows]).toEqual([
    [FALLBACK_GLYPH.repeat(3), 'state'],
    [[FALLBACK_GLYPH.repeat(4), 'RUNNING']],
  ]);
});

test('the drawer applies it: a Cyrillic name draws exactly as its squares would', async () => {
  const drawer = echartsDrawer();
  const cyrillic = await drawer.draw(series(['заказы', 'orders']));
  const squares = await drawer.draw({
    ...series([FALLBACK_GLYPH.repeat(6), 'orders']),
    title: FALLBACK_GLYPH.repeat(6),
    format: (v) => `${v} ${FALLBACK_GLYPH.repeat(2)}`,
  });
  expect(Buffer.compare(cyrillic, squares)).toBe(0);
  const latin = await drawer.draw(series(['orders', 'clicks']));
  expect(Buffer.compare(cyrillic, latin)).not.toBe(0);
});
