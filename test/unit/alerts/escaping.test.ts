import { alertRootView } from '../../../bot/views/alerts/alert-views';
import { connectorHealthBlocks } from '../../../bot/views/lag/scheduled-report-view';
import { lagReportView } from '../../../bot/views/lag/lag-view';
import type { LagReport } from '../../../bot/usecases/lag/lag-types';

const hostile = '<!channel> `x` & <https://evil|click>';

describe('text from Kafka, Connect and errors is inert in Slack mrkdwn', () => {
  it('escapes group names, notes, connector traces and alert details', () => {
    const report: LagReport = {
      generatedAt: 0,
      connector: 'mm2-source',
      verdict: 'amber',
      reasons: [hostile],
      notes: [hostile],
      topics: [],
      worstPartitions: [],
      partitions: [],
      groups: [
        { group: hostile, topics: ['t'], sourcePartitions: 1, translatedPartitions: 0, verdict: 'green' },
      ],
      totals: { topics: 0, partitions: 0, lag: 0 },
      sources: { exact: { ok: true }, metrics: { ok: true } },
    };
    const rendered = [
      JSON.stringify(lagReportView(report).view.blocks),
      JSON.stringify(
        connectorHealthBlocks([
          { connector: hostile, state: 'FAILED', tasks: [{ id: 0, state: 'FAILED', trace: hostile }] },
        ]),
      ),
      JSON.stringify(
        alertRootView(
          {
            key: hostile,
            status: 'open',
            severity: 'critical',
            title: hostile,
            detail: hostile,
            firstSeen: 0,
            lastSeen: 0,
            updates: 0,
          },
          0,
        ).blocks,
      ),
    ];
    for (const text of rendered) {
      expect(text).not.toContain('<!channel>');
      expect(text).not.toContain('<https://');
      expect(text).toContain('&lt;!channel&gt;');
    }
  });
});
