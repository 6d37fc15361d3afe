// One side of the snapshot render bench, in a process of its own so that its memory is only its own:
// `builtin` draws the chart with the bot's built-in renderer; `chromium` draws the same chart from the
// same data in headless Chromium (Debian's chromium-headless-shell, driven by puppeteer-core, the way
// Grafana's image renderer works: a page per render, the chart library in the page, a screenshot).
// Prints one JSON line: per-render milliseconds and the PNG sizes.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PALETTES } from '../../bot/adapters/charts/chart-themes';
import { echartsDrawer } from '../../bot/adapters/charts/echarts-drawer';
import { echartsOption } from '../../bot/adapters/charts/echarts-options';
import { FONT_FAMILY, fontMeasurer } from '../../bot/adapters/charts/font-metrics';
import type { TimeseriesChart } from '../../bot/ports/chart-drawer';
import { formatUnit } from '../../bot/domain/units';

export const CHROMIUM = '/usr/bin/chromium-headless-shell';
const [WIDTH, HEIGHT, SERIES, POINTS] = [800, 400, 6, 600];

/** 6 series x 600 points, deterministic (no randomness: both sides draw the same numbers). */
export function benchChart(): TimeseriesChart {
  const to = Date.UTC(2026, 4, 1, 12, 0);
  const from = to - POINTS * 6000;
  return {
    kind: 'timeseries',
    title: 'Records lag per topic',
    width: WIDTH,
    height: HEIGHT,
    theme: 'light',
    format: (v) => formatUnit('short', v),
    from,
    to,
    series: Array.from({ length: SERIES }, (_, k) => ({
      name: ['orders', 'payments', 'clicks', 'refunds', 'audit-log', 'inventory'][k]!,
      points: Array.from({ length: POINTS }, (_, i) => [
        from + i * 6000,
        Math.round(1000 * (k + 1) + 400 * Math.sin(i / (20 + k)) + 150 * Math.cos(i / 7)),
      ]),
    })),
  };
}

async function builtin(runs: number): Promise<{ ms: number[]; bytes: number }> {
  const drawer = echartsDrawer();
  const spec = benchChart();
  let bytes = 0;
  const ms: number[] = [];
  for (let i = 0; i <= runs; i++) {
    const t = performance.now();
    bytes = (await drawer.draw(spec)).length;
    if (i > 0) ms.push(performance.now() - t); // the first is the warm-up
  }
  return { ms, bytes };
}

async function chromium(runs: number): Promise<{ ms: number[]; bytes: number }> {
  const puppeteer = await import('puppeteer-core');
  const spec = benchChart();
  // The same options, with the axis formatters as ECharts templates (functions do not cross into the page)
  // and each series' typed-array data as the [time, value] pairs it was made from (JSON has no typed arrays).
  const pairs = (flat: Float64Array) =>
    Array.from({ length: flat.length / 2 }, (_, i) => [
      flat[2 * i],
      Number.isNaN(flat[2 * i + 1]) ? null : flat[2 * i + 1],
    ]);
  const option = JSON.parse(
    JSON.stringify(
      echartsOption(spec, PALETTES.light, (t) => fontMeasurer().width(t, `11px ${FONT_FAMILY}`)),
      (key, value: unknown) =>
        typeof value === 'function'
          ? key === 'formatter'
            ? '{value}'
            : undefined
          : value instanceof Float64Array
            ? pairs(value)
            : value,
    ),
  ) as Record<string, { axisLabel?: { formatter?: string } }>;
  if (option.xAxis?.axisLabel) option.xAxis.axisLabel.formatter = '{HH}:{mm}';
  const library = readFileSync(join(require.resolve('echarts'), '../echarts.min.js'), 'utf8');
  const browser = await puppeteer.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
  });
  let bytes = 0;
  const ms: number[] = [];
  try {
    for (let i = 0; i <= runs; i++) {
      const t = performance.now();
      const page = await browser.newPage();
      await page.setViewport({ width: WIDTH, height: HEIGHT, deviceScaleFactor: 1 });
      await page.setContent(
        `<html><body style="margin:0"><div id="c" style="width:${WIDTH}px;height:${HEIGHT}px"></div></body></html>`,
      );
      await page.addScriptTag({ content: library });
      await page.evaluate((opt) => {
        // Runs in the page: its globals, typed here without the DOM lib.
        const page = globalThis as unknown as {
          echarts: { init(el: unknown, theme: null, o: object): { setOption(o: unknown): void } };
          document: { getElementById(id: string): unknown };
        };
        const [w, doc] = [page, page.document];
        w.echarts
          .init(doc.getElementById('c'), null, { renderer: 'canvas' })
          .setOption({ ...(opt as object), animation: false });
      }, option);
      const png = await page.screenshot({ type: 'png', clip: { x: 0, y: 0, width: WIDTH, height: HEIGHT } });
      bytes = png.length;
      await page.close();
      if (i > 0) ms.push(performance.now() - t);
    }
  } finally {
    await browser.close();
  }
  return { ms, bytes };
}

async function main() {
  const mode = process.argv[2];
  const runs = Number(process.argv[3] ?? 10);
  const result = mode === 'chromium' ? await chromium(runs) : await builtin(runs);
  process.stdout.write(`${JSON.stringify({ mode, ...result })}\n`);
}

if (require.main === module)
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  });
