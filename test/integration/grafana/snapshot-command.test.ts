// `/mm2 snapshot` end to end: the real bot process, the Slack stand-in (files.uploadV2's three steps, the
// bytes kept) and the lab's real Prometheus. The uploaded PNG is decoded and looked at; the comment and
// the alt text carry the per-series summary. (Slash commands cannot be run in a Slack thread, so the
// command's file goes to the channel; threads get charts from the alert watcher, see ops/alerts.test.ts.)
import { PALETTES } from '../../../bot/adapters/charts/chart-themes';
import { labEndpoints } from '../../lab/endpoints';
import { decodePng } from '../../support/png-inspect';
import type { StoredFile } from '../../slack-standin/types';
import { concreteExpr, loadDashboard, queryPanels } from '../../unit/grafana/dashboard';
import { CHANNEL, OpsHarness, textOf, USERS } from '../ops/ops-harness';
import { chartMarks, drawnEnough } from './chart-marks';
import { feedPanels, PANEL_TOPICS, waitForLine } from './lab-panels';

const GROUP = 'grafana-snapshot-command-it';
const PANEL = queryPanels(loadDashboard()).find((p) => p.title === 'Throughput per topic')!;
const SCRAPE_SECONDS = 3;

let h: OpsHarness;

beforeAll(async () => {
  const lab = await labEndpoints();
  await feedPanels(lab, GROUP);
  // Two minutes of samples before the five-minute picture: a line across its right part, not a dot.
  await waitForLine(lab.prometheus, concreteExpr(PANEL.targets![0]!.expr), {
    forSeconds: 120,
    stepSeconds: SCRAPE_SECONDS,
    timeoutMs: 240_000,
  });
  h = await OpsHarness.start(lab);
  await h.startBot(h.env({ MM2_SCRAPE_INTERVAL_SECONDS: String(SCRAPE_SECONDS) }));
});

afterAll(async () => {
  await h?.stop();
});

/** `/mm2 snapshot <args>`: the file it uploaded (completed) and its last word in the channel. */
async function snapshot(args: string): Promise<{ file: StoredFile; done: string }> {
  const before = h.standIn.uploadedFiles().length;
  const done = textOf(await h.command(`snapshot ${args}`, USERS.viewer, 30_000));
  const files = h.standIn.uploadedFiles().slice(before);
  if (files.length !== 1) throw new Error(`${files.length} files uploaded; the reply: ${done}`);
  return { file: files[0]!, done };
}

test('without a panel: the dashboard panels to pick from, nothing uploaded', async () => {
  const before = h.standIn.uploadedFiles().length;
  const reply = textOf(await h.command('snapshot'));
  for (const panel of queryPanels(loadDashboard()))
    expect(reply).toContain(`\`${panel.id}\` ${panel.title.replace(/&/g, '&amp;')}`);
  expect(reply).toContain('MirrorMaker 2');
  expect(h.standIn.uploadedFiles().length).toBe(before);
});

test('a panel by title: a decoded PNG with lines and text, the summary as comment and alt text', async () => {
  const { file, done } = await snapshot('throughput --range 5m');
  expect(done).toContain('Throughput per topic');
  expect(done).toContain('drawn by the built-in renderer');

  // files.uploadV2: shared in the channel (not a thread), the declared length met, the bytes a PNG.
  expect({ channel: file.channel, thread: file.threadTs }).toEqual({ channel: CHANNEL, thread: undefined });
  expect(file.filename).toMatch(/^throughput-per-topic-\d{4}-\d{2}-\d{2}T\d{4}Z\.png$/);
  expect(file.title).toMatch(/^Throughput per topic, 5m to \d{4}-\d{2}-\d{2}T\d{2}:\d{2}Z$/);
  expect(file.bytes.length).toBe(file.declaredLength);
  const png = decodePng(file.bytes);
  expect([png.width, png.height]).toEqual([800, 400]);
  expect(drawnEnough(chartMarks(png, PALETTES.light))).toEqual({
    title: true,
    line: true,
    axisLabels: true,
    legend: true,
  });

  // One line per series (the panel's legend format), with numbers in the panel's unit.
  const comment = file.initialComment ?? '';
  expect(comment.split('\n')[0]).toBe('*Throughput per topic*');
  for (const topic of PANEL_TOPICS)
    expect(comment).toMatch(new RegExp(`^• ${topic} records/s: last \\S.*, min \\S.*, max \\S.*$`, 'm'));
  expect(file.altText).toMatch(/^Chart "Throughput per topic" from the MirrorMaker 2 dashboard, /);
  for (const topic of PANEL_TOPICS) expect(file.altText).toContain(`${topic} records/s: last `);
  expect(file.altText!.length).toBeLessThanOrEqual(1000);
});

test('a panel by id in the dark theme draws on a dark background', async () => {
  const { file } = await snapshot(`${PANEL.id} --range 5m --dark`);
  const png = decodePng(file.bytes);
  expect(png.pixel(2, 2).slice(0, 3)).toEqual([0x18, 0x1b, 0x1f]);
  expect(drawnEnough(chartMarks(png, PALETTES.dark)).title).toBe(true);
});

test('an unknown panel: says so and how to list them, nothing uploaded', async () => {
  const before = h.standIn.uploadedFiles().length;
  const reply = textOf(await h.command('snapshot no-such-panel-xyz'));
  expect(reply).toContain('No panel matches');
  expect(reply).toContain('/mm2 snapshot without a panel');
  expect(h.standIn.uploadedFiles().length).toBe(before);
});
