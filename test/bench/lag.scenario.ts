// Scenario 3: the lag report over ≥ 2,000 partitions (benchLagReport) turned into table rows.
import type { LabEndpoints } from '../lab/endpoints';
import { benchLagReport, type BenchLagResult } from './lag-report.bench';
import { atMost, type ScenarioResult } from './results';

export async function benchLag(o: {
  lab: LabEndpoints;
  log?: (line: string) => void;
}): Promise<ScenarioResult<BenchLagResult>> {
  const r = await benchLagReport({ endpoints: o.lab, ...(o.log ? { log: o.log } : {}) });
  if (r.partitions < 2000) throw new Error(`the lag report covered ${r.partitions} partitions, not 2,000`);
  const s = `3 lag report (${r.partitions} partitions, ${r.runs} runs each)`;
  return {
    name: 'lag-report',
    rows: [
      {
        scenario: s,
        metric: 'median, report end to end vs raw queries',
        value: r.report.medianMs,
        unit: 'ms',
        baseline: r.raw.medianMs,
        ratio: r.ratio,
        target: 'ratio ≤ 1.5',
        met: atMost(1.5, r.ratio),
      },
      {
        scenario: s,
        metric: 'total lag, report vs computed from raw',
        value: r.totalLag,
        unit: 'records',
        baseline: r.expectedLag,
        target: 'equal',
        met: r.totalLag === r.expectedLag,
      },
      { scenario: s, metric: 'peak RSS during the reports (in-process)', value: r.peakRssMb, unit: 'MB' },
      {
        scenario: s,
        metric: 'Slack view: blocks (limit 50)',
        value: r.blocks,
        unit: 'blocks',
        target: '≤ 50',
        met: r.blocks <= 50,
      },
      { scenario: s, metric: 'Slack view: CSV attached', value: r.csvBytes, unit: 'B' },
    ],
    details: r,
  };
}
