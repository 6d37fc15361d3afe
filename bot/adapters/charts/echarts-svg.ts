import type { ChartSpec } from '../../ports/chart-drawer';
import { PALETTES } from './chart-themes';
import type { PanelEcharts } from './echarts-panels';
import { echartsOption } from './echarts-options';

/**
 * The chart as an SVG string, drawn by `echarts` on the server (no DOM). Ids of clip paths and gradients
 * carry a per-instance counter: normalised, the same data draws the same text.
 */
export function chartSvg(echarts: PanelEcharts, spec: ChartSpec, measure: (text: string) => number): string {
  const chart = echarts.init(null, null, {
    renderer: 'svg',
    ssr: true,
    width: spec.width,
    height: spec.height,
  });
  try {
    chart.setOption(echartsOption(spec, PALETTES[spec.theme], measure));
    return chart.renderToSVGString().replace(/\bzr\d+-/g, 'zr0-');
  } finally {
    // An instance left undisposed keeps timers and the process alive.
    chart.dispose();
  }
}
