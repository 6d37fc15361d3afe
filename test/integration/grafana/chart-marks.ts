// Where a built-in 800x400 timeseries chart puts its parts, and how much was drawn in each: the checks the
// lab's snapshot tests share (decoded pixels, so a blank frame or dropped labels fail).
import type { Palette } from '../../../bot/adapters/charts/chart-themes';
import { colouredIn, inkIn, pixelsNear, type DecodedPng } from '../../support/png-inspect';

export interface ChartMarks {
  /** Title text in the top band (resvg drops text silently without a font). */
  title: number;
  /** Series lines in colour in the plot area (anti-aliased, so not one exact shade; grid and text are grey). */
  line: number;
  /** Anti-aliased y-axis digits: a loose match, still far from the background and the grid. */
  axisLabels: number;
  /** Legend text and swatches in the bottom band. */
  legend: number;
}

export function chartMarks(png: DecodedPng, palette: Palette): ChartMarks {
  const { width, height } = png;
  return {
    title: inkIn(png, { x: 0, y: 0, w: 500, h: 32 }, palette.background),
    line: colouredIn(png, { x: 80, y: 40, w: width - 110, h: height - 100 }),
    axisLabels: pixelsNear(png, { x: 0, y: 36, w: 78, h: height - 90 }, palette.muted, 200),
    legend: inkIn(png, { x: 0, y: height - 40, w: width, h: 40 }, palette.background),
  };
}

/** Enough of each part that something real was drawn there (thresholds from the lab's pictures). */
export const drawnEnough = (m: ChartMarks) => ({
  title: m.title > 250,
  line: m.line > 300,
  axisLabels: m.axisLabels > 60,
  legend: m.legend > 100,
});
