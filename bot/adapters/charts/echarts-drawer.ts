import { renderAsync } from '@resvg/resvg-js';
import * as echarts from 'echarts';
import type { ChartDrawer, ChartSpec } from '../../ports/chart-drawer';
import { PALETTES } from './chart-themes';
import { echartsOption } from './echarts-options';
import { FONT_FAMILY, FONT_FILE, fontMeasurer, type TextMeasurer } from './font-metrics';
import { drawableSpec, glyphFallback } from './glyph-fallback';

const LABEL_FONT = `11px ${FONT_FAMILY}`;

/**
 * The built-in renderer's drawing: Apache ECharts renders SVG on the server (no DOM, no browser) and
 * resvg rasterizes it with the bundled font only. Without a font file resvg silently drops every label,
 * and without a real measurer ECharts places legends by guessed widths: both are set up here.
 */
export function echartsDrawer(options: { fontFile?: string; measurer?: TextMeasurer } = {}): ChartDrawer {
  const fontFile = options.fontFile ?? FONT_FILE;
  const measurer = options.measurer ?? fontMeasurer(fontFile);
  // ECharts keeps its platform API globally: the same measurer for every drawer is harmless.
  echarts.setPlatformAPI({
    measureText: (text: string, font?: string) => ({ width: measurer.width(text, font ?? LABEL_FONT) }),
  });
  const measure = (text: string) => measurer.width(text, LABEL_FONT);
  // Characters the bundled font cannot draw (e.g. a Cyrillic topic name) become a visible square.
  const fix = glyphFallback(fontFile);

  const toSvg = (spec: ChartSpec): string => {
    const chart = echarts.init(null, null, {
      renderer: 'svg',
      ssr: true,
      width: spec.width,
      height: spec.height,
    });
    try {
      chart.setOption(echartsOption(spec, PALETTES[spec.theme], measure));
      return chart.renderToSVGString();
    } finally {
      // An instance left undisposed keeps timers and the process alive.
      chart.dispose();
    }
  };

  return {
    async draw(spec) {
      // Ids of clip paths and gradients carry a per-instance counter: normalised, the same data draws the same bytes.
      const svg = toSvg(drawableSpec(spec, fix)).replace(/\bzr\d+-/g, 'zr0-');
      // Rasterized on libuv's thread pool: the event loop (Slack acks) is not held up, and the native
      // image is freed once this resolves. A synchronous Resvg in a loop without an event-loop turn
      // between renders keeps every image alive (about 1.7 MB each, measured) until the loop yields.
      const image = await renderAsync(svg, {
        font: {
          loadSystemFonts: false,
          fontFiles: [fontFile],
          defaultFontFamily: FONT_FAMILY,
          sansSerifFamily: FONT_FAMILY,
        },
        fitTo: { mode: 'original' },
        background: PALETTES[spec.theme].background,
      });
      return image.asPng();
    },
  };
}
