// Every panel of the MM2 dashboard drawn by the built-in renderer from the lab's real Prometheus: the PNGs
// are decoded and checked for size, a plot area with data in it, and drawn text (not a blank frame).
import { join } from 'node:path';
import { PALETTES } from '../../../bot/adapters/charts/chart-themes';
import { echartsDrawer } from '../../../bot/adapters/charts/echarts-drawer';
import { fileDashboards } from '../../../bot/adapters/dashboards/file-dashboards';
import { createPrometheusClient } from '../../../bot/adapters/prometheus/prometheus-client';
import { snapshotPanels } from '../../../bot/usecases/snapshots/find-panel';
import { createSnapshotService, type Snapshot } from '../../../bot/usecases/snapshots/snapshot-service';
import { sleep } from '../../lab/clients';
import { labEndpoints } from '../../lab/endpoints';
import { decodePng, inkIn, pixelsNear } from '../../support/png-inspect';
import { chartMarks, drawnEnough } from './chart-marks';
import { feedPanels } from './lab-panels';

const GROUP = 'grafana-snapshots-it';
const WAIT_FOR_DATA_MS = 180_000;
const [WIDTH, HEIGHT] = [800, 400];
const palette = PALETTES.light;

let service: ReturnType<typeof createSnapshotService>;

beforeAll(async () => {
  const lab = await labEndpoints();
  await feedPanels(lab, GROUP);
  service = createSnapshotService({
    dashboards: fileDashboards(join(__dirname, '../../../grafana/dashboards')),
    metrics: createPrometheusClient({ url: lab.prometheus }),
    drawer: echartsDrawer(),
    scrapeIntervalSeconds: 3,
    now: () => Date.now(),
  });
});

/** How long every panel must have had data before the final pictures: lines, not single points. */
const DATA_FOR_MS = 45_000;

/**
 * Snapshots of every panel once each has had data for DATA_FOR_MS. The window then starts just before
 * that moment, so a lab started minutes ago (or MM2 deployed by this suite) still fills the plot
 * area, and a lab that has run for hours simply shows its last minute.
 */
async function snapshotsWithData(): Promise<Snapshot[]> {
  const deadline = Date.now() + WAIT_FOR_DATA_MS;
  let dataSince: number | undefined;
  for (;;) {
    const now = Date.now();
    const from = dataSince === undefined ? now - 900_000 : dataSince - 15_000;
    // One at a time: drawing is CPU work, and queries waiting behind it would hit their timeouts.
    const shots: Snapshot[] = [];
    for (const panel of await service.panels()) shots.push(await service.take({ panel, from, to: now }));
    const empty = shots.filter((s) => !s.series.some((x) => x.last !== undefined));
    if (empty.length > 0) dataSince = undefined;
    else dataSince ??= now;
    if (Date.now() > deadline) return shots;
    if (dataSince !== undefined && now - dataSince >= DATA_FOR_MS) return shots;
    await sleep(dataSince === undefined ? 3000 : 15_000);
  }
}

describe('panel snapshots against the lab', () => {
  let shots: Snapshot[];
  beforeAll(async () => {
    shots = await snapshotsWithData();
  });

  it('covers every panel of the MM2 dashboard, each with data', async () => {
    const panels = snapshotPanels(
      await fileDashboards(join(__dirname, '../../../grafana/dashboards')).list(),
    );
    expect(shots.map((s) => s.panel.panel.id)).toEqual(panels.map((p) => p.panel.id));
    expect(shots.length).toBeGreaterThanOrEqual(11);
    expect(
      shots.filter((s) => !s.series.some((x) => x.last !== undefined)).map((s) => s.panel.panel.title),
    ).toEqual([]);
  });

  it('draws each as a PNG of the asked size with its title, and no blank frame', () => {
    for (const shot of shots) {
      const png = decodePng(shot.png);
      const title = shot.panel.panel.title;
      expect({ title, size: [png.width, png.height] }).toEqual({ title, size: [WIDTH, HEIGHT] });
      // The title is drawn in the text colour in the top band (resvg drops text silently without a font).
      expect({ title, titleInk: drawnEnough(chartMarks(png, palette)).title }).toEqual({
        title,
        titleInk: true,
      });
      // Nothing is drawn outside the frame: corners stay background.
      expect(png.pixel(WIDTH - 2, 2).slice(0, 3)).toEqual([255, 255, 255]);
    }
  });

  it('puts the data in the plot area: lines, axis and legend labels, the stat value, the table rows', () => {
    for (const shot of shots) {
      const png = decodePng(shot.png);
      const title = shot.panel.panel.title;
      const type = shot.panel.panel.type;
      if (type === 'timeseries') {
        const { line, axisLabels, legend } = drawnEnough(chartMarks(png, palette));
        expect({ title, line, axisLabels, legend }).toEqual({
          title,
          line: true,
          axisLabels: true,
          legend: true,
        });
      } else if (type === 'stat') {
        // Failed tasks: 0 in the lab, drawn big in the threshold's green.
        const value = pixelsNear(png, { x: 0, y: 40, w: WIDTH, h: HEIGHT - 40 }, '#56A64B', 40);
        expect({ title, value: value > 1000 }).toEqual({ title, value: true });
      } else if (type === 'table') {
        const rows = inkIn(png, { x: 0, y: 62, w: WIDTH, h: 60 }, palette.background);
        expect({ title, rows: rows > 300 }).toEqual({ title, rows: true });
        expect(shot.series.length).toBeGreaterThanOrEqual(2);
      } else throw new Error(`no check for panel type ${type}`);
    }
  });

  it('draws the dark theme on a dark background with light text', async () => {
    const now = Date.now();
    const shot = await service.take({ panel: 'throughput', from: now - 900_000, to: now, theme: 'dark' });
    const png = decodePng(shot.png);
    expect(png.pixel(2, 2).slice(0, 3)).toEqual([0x18, 0x1b, 0x1f]);
    expect(inkIn(png, { x: 0, y: 0, w: 500, h: 32 }, PALETTES.dark.background)).toBeGreaterThan(250);
  });
});
