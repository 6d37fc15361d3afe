import type { FileAttachment } from '../view';
import type { LagReport } from '../../usecases/lag/lag-types';

const cell = (value: string | number | undefined): string => {
  if (value === undefined || (typeof value === 'number' && Number.isNaN(value))) return '';
  const text = String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

const row = (values: Array<string | number | undefined>) => values.map(cell).join(',');

/** Every partition of the report, with its topic's verdict: the table the Slack message summarizes. */
export const lagCsv = (report: LagReport): string => {
  const verdicts = new Map(report.topics.map((t) => [t.topic, t.verdict]));
  const lines = [
    row([
      'topic',
      'partition',
      'earliest',
      'latest',
      'committed',
      'lag',
      'metrics_lag',
      'latency_ms',
      'topic_verdict',
    ]),
  ];
  for (const p of report.partitions) {
    lines.push(
      row([
        p.topic,
        p.partition,
        p.earliest,
        p.latest,
        p.committed,
        p.lag,
        p.metricsLag,
        p.latencyMs,
        verdicts.get(p.topic),
      ]),
    );
  }
  return `${lines.join('\n')}\n`;
};

export const lagCsvAttachment = (report: LagReport): FileAttachment => {
  const stamp = new Date(report.generatedAt).toISOString().replace(/[:]/g, '-').replace(/\..*$/, '');
  return {
    filename: `mm2-lag-${stamp}.csv`,
    title: `MM2 lag per partition (${report.totals.partitions} partitions)`,
    content: lagCsv(report),
  };
};
