import { Resvg } from '@resvg/resvg-js';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { ChartDrawer, ChartSpec } from '../../ports/chart-drawer';
import { PALETTES } from './chart-themes';
import { loadPanelEcharts } from './echarts-panels';
import { chartSvg } from './echarts-svg';
import { FONT_FAMILY, FONT_FILE, fontMeasurer, parseFont, type TextMeasurer } from './font-metrics';
import { drawableSpec, glyphFallback } from './glyph-fallback';
import { encodePng } from './png-encode';

const LABEL_FONT = `11px ${FONT_FAMILY}`;

/**
 * The built-in renderer's drawing: Apache ECharts renders SVG on the server (no DOM, no browser) and
 * resvg rasterizes it with the bundled font only. Without a font file resvg silently drops every label,
 * and without a real measurer ECharts places legends by guessed widths: both are set up here.
 */
export function echartsDrawer(options: { fontFile?: string; measurer?: TextMeasurer } = {}): ChartDrawer {
  const fontFile = options.fontFile ?? FONT_FILE;
  const font = parseFont(fontFile);
  const measurer = options.measurer ?? fontMeasurer(fontFile, font);
  const echarts = loadPanelEcharts();
  // ECharts keeps its platform API globally: the same measurer for every drawer is harmless.
  echarts.setPlatformAPI({
    measureText: (text: string, font?: string) => ({ width: measurer.width(text, font ?? LABEL_FONT) }),
  });
  const measure = (text: string) => measurer.width(text, LABEL_FONT);
  // Characters the bundled font cannot draw (e.g. a Cyrillic topic name) become a visible square.
  const fix = glyphFallback(fontFile, font);

  const toPng = (svg: string, spec: ChartSpec): Buffer => {
    const image = new Resvg(svg, {
      font: {
        loadSystemFonts: false,
        fontFiles: [fontFile],
        defaultFontFamily: FONT_FAMILY,
        sansSerifFamily: FONT_FAMILY,
      },
      fitTo: { mode: 'original' },
      // Opaque: encodePng relies on it (resvg's pixels are premultiplied).
      background: PALETTES[spec.theme].background,
    }).render();
    return encodePng(image.pixels, image.width, image.height);
  };

  return {
    async draw(spec) {
      const svg = chartSvg(echarts, drawableSpec(spec, fix), measure);
      // Rasterized on this thread (about as long as ECharts' own share of a render): resvg's thread-pool
      // variant left each libuv worker thread its own allocator arena, measured at about 20 MB more
      // for the process. resvg's native tree and image are freed by finalizers that run on a later turn
      // of the event loop: yielding one turn here frees the previous renders' before the next starts
      // (without it, renders in a loop kept every 1.7 MB image alive, measured).
      const png = toPng(svg, spec);
      await nextTurn();
      return png;
    },
  };
}
