import type { Block } from '../view';
import type { ConnectorHealthRecord } from '../../ports/connector-health';
import type { ReportInput } from '../../usecases/reports/report-builder';
import type { ReportMessage } from '../../ports/reports';
import { context, LIMITS, section } from '../blocks';
import { clip } from '../mrkdwn';
import { lagReportView } from './lag-view';
import { escapeText } from '../mrkdwn';

const HEALTHY = new Set(['RUNNING']);

/** One line per connector: its state and any task not RUNNING, with the first line of its trace. */
export const connectorHealthBlocks = (states: ConnectorHealthRecord[], maxConnectors = 20): Block[] => {
  if (states.length === 0) return [section('*Connectors:* none deployed')];
  const sorted = [...states].sort(
    (a, b) =>
      Number(HEALTHY.has(a.state) && a.tasks.every((t) => HEALTHY.has(t.state))) -
        Number(HEALTHY.has(b.state) && b.tasks.every((t) => HEALTHY.has(t.state))) ||
      a.connector.localeCompare(b.connector),
  );
  const lines = sorted.slice(0, maxConnectors).map((c) => {
    const bad = c.tasks.filter((t) => !HEALTHY.has(t.state));
    const ok = HEALTHY.has(c.state) && bad.length === 0;
    const icon = ok
      ? ':large_green_circle:'
      : c.state === 'PAUSED'
        ? ':double_vertical_bar:'
        : ':red_circle:';
    const tasks = `${c.tasks.length - bad.length}/${c.tasks.length} tasks running`;
    const problems = bad
      .slice(0, 3)
      .map(
        (t) =>
          `task ${t.id} ${escapeText(t.state)}${t.trace ? `: ${escapeText(clip(t.trace.split('\n')[0] ?? '', 120))}` : ''}`,
      );
    return `${icon} \`${escapeText(c.connector).replace(/`/g, "'")}\` ${escapeText(c.state)} · ${tasks}${problems.length ? `\n      ${problems.join('\n      ')}` : ''}`;
  });
  if (states.length > maxConnectors) lines.push(`… and ${states.length - maxConnectors} more`);
  return [section(clip(`*Connectors*\n${lines.join('\n')}`, LIMITS.sectionText))];
};

const triggerLine = (input: ReportInput): string => {
  switch (input.trigger.kind) {
    case 'scheduled':
      return `Scheduled lag report for ${new Date(input.trigger.slot).toISOString()}`;
    case 'missed':
      return `Scheduled lag report due ${new Date(input.trigger.slot).toISOString()} was missed while the bot was down; here it is now`;
    case 'manual':
      return 'Lag report requested with `/mm2 report now`';
  }
};

/** The scheduled (or `/mm2 report now`) message: lag report + connector health, within Slack's limits. */
export const scheduledReportView = (input: ReportInput): ReportMessage => {
  const health = input.health.ok
    ? connectorHealthBlocks(input.health.value)
    : [section(`:x: *Connectors:* health unavailable: ${escapeText(clip(input.health.error, 500))}`)];
  if (!input.lag.ok) {
    const blocks = [
      context(triggerLine(input)),
      section(`:x: *Lag report unavailable:* ${escapeText(clip(input.lag.error, 2000))}`),
      ...health,
    ];
    return { view: { text: `MM2 lag report unavailable: ${clip(input.lag.error, 200)}`, blocks } };
  }
  const lag = lagReportView(input.lag.value);
  const blocks = [context(triggerLine(input)), ...lag.view.blocks, ...health].slice(0, LIMITS.blocks);
  const message: ReportMessage = { view: { text: lag.view.text, blocks } };
  if (lag.csv) message.csv = lag.csv;
  return message;
};
