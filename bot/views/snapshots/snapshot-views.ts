import type { FileAttachment, View } from '../view';
import { formatUnit } from '../../domain/units';
import type { PanelRef } from '../../usecases/snapshots/find-panel';
import type { Snapshot } from '../../usecases/snapshots/snapshot-service';
import { describeSpan } from '../../usecases/snapshots/time-range';
import { section } from '../blocks';
import { escapeText } from '../mrkdwn';

const MAX_SUMMARY_LINES = 12;

const iso = (ms: number) => new Date(ms).toISOString().replace(/:\d{2}\.\d{3}Z$/, 'Z');

function rangeText(s: Pick<Snapshot, 'from' | 'to'>): string {
  return `${iso(s.from)} to ${iso(s.to)} (${describeSpan(s.to - s.from)})`;
}

const varsText = (vars: Record<string, string[]>) =>
  Object.entries(vars)
    .map(([k, v]) => `${k}=${v.join(',')}`)
    .join(' ');

/** One line per series: last, min and max in the panel's unit. */
export function summaryLines(snapshot: Snapshot): string[] {
  const unit = snapshot.panel.panel.fieldConfig?.defaults?.unit;
  const f = (v: number | undefined) => (v === undefined ? 'n/a' : formatUnit(unit, v));
  const lines = snapshot.series
    .slice(0, MAX_SUMMARY_LINES)
    .map((s) =>
      s.last === undefined
        ? `${s.name}: no data`
        : `${s.name}: last ${f(s.last)}, min ${f(s.min)}, max ${f(s.max)}`,
    );
  if (snapshot.series.length > MAX_SUMMARY_LINES)
    lines.push(`… and ${snapshot.series.length - MAX_SUMMARY_LINES} more series`);
  if (lines.length === 0) lines.push('No data in this range.');
  return lines;
}

/** The PNG as a file: title, alt text and the per-series summary as its comment. */
export function snapshotFile(snapshot: Snapshot): FileAttachment {
  const { panel, dashboard } = snapshot.panel;
  const title = `${panel.title}, ${describeSpan(snapshot.to - snapshot.from)} to ${iso(snapshot.to)}`;
  const slug = panel.title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  const vars = varsText(snapshot.vars);
  const summary = summaryLines(snapshot);
  return {
    filename: `${slug || `panel-${panel.id}`}-${new Date(snapshot.to).toISOString().replace(/[:.]/g, '').slice(0, 15)}Z.png`,
    title,
    content: snapshot.png,
    altText:
      `Chart "${panel.title}" from the ${dashboard.title} dashboard, ${rangeText(snapshot)}${vars ? `, ${vars}` : ''}. ${summary.join('; ')}`.slice(
        0,
        1000,
      ),
    comment: [
      `*${escapeText(panel.title)}*${vars ? ` (${escapeText(vars)})` : ''}`,
      ...summary.map((l) => `• ${escapeText(l)}`),
    ].join('\n'),
  };
}

/** The command's last word: which renderer drew it and, after a fallback, why. */
export function snapshotDoneView(snapshot: Snapshot): View {
  const who =
    snapshot.renderer === 'grafana'
      ? "Grafana's renderer"
      : 'the built-in renderer (Prometheus data, drawn by the bot)';
  const note = snapshot.fallback ? ` ${snapshot.fallback}: drawn by the built-in renderer instead.` : '';
  const text = `:frame_with_picture: ${snapshot.panel.panel.title}, ${rangeText(snapshot)}, drawn by ${who}.${note}`;
  return { text, blocks: [section(escapeText(text))] };
}

/** `/mm2 snapshot` without a panel: what can be pictured. */
export function panelListView(panels: PanelRef[]): View {
  if (panels.length === 0)
    return {
      text: 'No dashboard panels found.',
      blocks: [section('No dashboard panels found (grafana/dashboards/).')],
    };
  const byDashboard = new Map<string, PanelRef[]>();
  for (const p of panels)
    byDashboard.set(p.dashboard.title, [...(byDashboard.get(p.dashboard.title) ?? []), p]);
  const blocks = [...byDashboard].map(([title, refs]) =>
    section(
      `*${escapeText(title)}*\n${refs.map((r) => `\`${r.panel.id}\` ${escapeText(r.panel.title)}`).join('\n')}`,
    ),
  );
  blocks.push(
    section(
      '`/mm2 snapshot <id or title> [--range 6h | --from … --to …] [var=value …] [--dark]`, e.g. `/mm2 snapshot lag --range 6h topic=orders`',
    ),
  );
  return { text: `${panels.length} panels to pick from`, blocks };
}
