import { createRequire } from 'node:module';
import { join } from 'node:path';
import type * as EChartsCore from 'echarts/core';

/**
 * Apache ECharts trimmed to what the panels draw (scripts/build-echarts-bundle.mjs builds it, committed
 * under bot/assets/echarts/ and shipped beside the font). The full `echarts` bundle cost about 10 MB more
 * in the bot's process and ran ECharts' development checks on every render; the package's modular
 * entry points are ESM-only. Loaded by path with Node's own require, so the image (dist/), tsx and jest
 * all load the same file.
 */
export const ECHARTS_BUNDLE = join(__dirname, '../../assets/echarts/echarts-panels.cjs');

export type PanelEcharts = Pick<typeof EChartsCore, 'init' | 'setPlatformAPI' | 'version'>;

export function loadPanelEcharts(file = ECHARTS_BUNDLE): PanelEcharts {
  return createRequire(__filename)(file) as PanelEcharts;
}
