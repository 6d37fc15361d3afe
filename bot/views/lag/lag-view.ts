import type { Block, FileAttachment, View } from '../view';
import type { LagReport } from '../../usecases/lag/lag-types';
import { context, divider, header, LIMITS, section } from '../blocks';
import { clip } from '../mrkdwn';
import { codeSections, pad, padLeft } from './table-blocks';
import { count, millis, rate, sparkline, VERDICT_EMOJI } from './format';
import { lagCsvAttachment } from './lag-csv';
import { escapeText } from '../mrkdwn';

/** Names from Kafka or users, made inert in mrkdwn and unable to close a code span. */
const safe = (text: string) => escapeText(text).replace(/`/g, "'");

export interface LagViewOptions {
  /** Topic rows shown before the rest goes to the CSV. */
  maxTopics?: number;
  maxGroups?: number;
  /** Above this many partitions the full table is attached as CSV even if nothing else is clipped. */
  partitionsWithoutCsv?: number;
}

export interface LagMessage {
  view: View;
  /** Present when the message does not show everything: attach it with `reply.attach`. */
  csv?: FileAttachment;
}

const MARK = { green: ' ', amber: '!', red: 'X' } as const;

const topicRows = (report: LagReport, max: number): string[] =>
  report.topics
    .slice(0, max)
    .map(
      (t) =>
        `${MARK[t.verdict]} ${pad(t.topic, 28)} ${padLeft(count(t.lag), 12)} ${padLeft(millis(t.latencyMs), 9)} ${padLeft(
          millis(t.recordAgeMs),
          9,
        )} ${padLeft(rate(t.throughput), 9)} ${pad(sparkline(t.history), 8)}${t.disagreement ? ' ≠' : ''}`,
    );

const partitionRows = (report: LagReport): string[] =>
  report.worstPartitions.map(
    (p) =>
      `${pad(`${clip(p.topic, 33 - String(p.partition).length)}-${p.partition}`, 34)} ${padLeft(count(p.lag), 12)} ${padLeft(millis(p.latencyMs), 9)} ${padLeft(
        count(p.committed),
        12,
      )} ${padLeft(count(p.latest), 12)}`,
  );

const groupRows = (report: LagReport, max: number): string[] =>
  report.groups
    .slice(0, max)
    .map(
      (g) =>
        `${MARK[g.verdict]} ${pad(safe(g.group), 26)} ${padLeft(`${g.translatedPartitions}/${g.sourcePartitions}`, 9)} ${padLeft(
          count(g.targetLag),
          10,
        )} ${padLeft(millis(g.checkpointAgeSeconds === undefined ? undefined : g.checkpointAgeSeconds * 1000), 9)}${
          g.note ? `  ${g.note}` : ''
        }`,
    );

const sourcesLine = (report: LagReport): string => {
  const exact = report.sources.exact.ok
    ? 'exact (Kafka + Connect) :white_check_mark:'
    : 'exact :x: unavailable';
  const metrics = report.sources.metrics;
  const prom = metrics.ok ? 'Prometheus :white_check_mark:' : 'Prometheus :x: unreachable';
  return `${exact} · ${prom}`;
};

/** The Slack message for a lag report: worst first, within Slack's limits, plus a CSV when clipped. */
export const lagReportView = (report: LagReport, options: LagViewOptions = {}): LagMessage => {
  const maxTopics = options.maxTopics ?? 25;
  const maxGroups = options.maxGroups ?? 15;
  const verdict = report.verdict.toUpperCase();
  const filter = report.filter ? ` · filter \`${safe(report.filter)}\`` : '';
  const blocks: Block[] = [
    header(`MM2 lag: ${verdict}`),
    context(
      `${VERDICT_EMOJI[report.verdict]} connector \`${safe(report.connector)}\`${filter} · ${count(report.totals.topics)} topics · ${count(
        report.totals.partitions,
      )} partitions · ${count(report.totals.lag)} records behind · ${new Date(report.generatedAt).toISOString()}\n${sourcesLine(report)}`,
    ),
  ];
  if (report.reasons.length)
    blocks.push(
      section(`*Why ${report.verdict}:*\n${report.reasons.map((r) => `• ${escapeText(r)}`).join('\n')}`),
    );
  if (report.notes.length)
    blocks.push(section(report.notes.map((n) => `:warning: ${escapeText(n)}`).join('\n')));

  if (report.topics.length) {
    blocks.push(divider());
    const shownTopics = topicRows(report, maxTopics);
    blocks.push(
      ...codeSections(
        `*Topics* (worst first${report.topics.length > maxTopics ? `, ${maxTopics} of ${report.topics.length}` : ''})`,
        `  ${pad('topic', 28)} ${padLeft('lag', 12)} ${padLeft('latency', 9)} ${padLeft('rec age', 9)} ${padLeft('rate', 9)} trend`,
        shownTopics,
      ).slice(0, 8),
    );
  }
  if (report.worstPartitions.length) {
    blocks.push(
      ...codeSections(
        '*Worst partitions*',
        `${pad('partition', 34)} ${padLeft('lag', 12)} ${padLeft('latency', 9)} ${padLeft('committed', 12)} ${padLeft('latest', 12)}`,
        partitionRows(report),
      ).slice(0, 2),
    );
  }
  if (report.groups.length) {
    blocks.push(
      ...codeSections(
        '*Consumer groups* (translated offsets on the target)',
        `  ${pad('group', 26)} ${padLeft('synced', 9)} ${padLeft('lag there', 10)} ${padLeft('ckpt lat', 9)}`,
        groupRows(report, maxGroups),
      ).slice(0, 3),
    );
  }

  const clipped =
    report.topics.length > maxTopics ||
    report.groups.length > maxGroups ||
    report.partitions.length > (options.partitionsWithoutCsv ?? 50);
  const csv = clipped && report.partitions.length > 0 ? lagCsvAttachment(report) : undefined;
  if (csv)
    blocks.push(
      context(`Full table (${count(report.partitions.length)} partitions) attached as \`${csv.filename}\`.`),
    );

  const view: View = {
    text: `MM2 lag: ${verdict}, ${count(report.totals.lag)} records behind over ${count(report.totals.topics)} topics`,
    blocks: blocks.slice(0, LIMITS.blocks),
  };
  return csv ? { view, csv } : { view };
};
