import { createReportBuilder } from '../../../bot/usecases/reports/report-builder';
import { scheduledReportView, connectorHealthBlocks } from '../../../bot/views/lag/scheduled-report-view';
import { createReportCommand } from '../../../bot/commands/report';
import type { ConnectorHealthRecord } from '../../../bot/ports/connector-health';
import { fakeLagReporter, FakeAdmin } from '../lag/fakes';

const states: ConnectorHealthRecord[] = [
  {
    connector: 'mm2-source',
    state: 'RUNNING',
    tasks: [
      { id: 0, state: 'RUNNING' },
      { id: 1, state: 'FAILED', trace: 'org.apache.kafka.common.errors.TimeoutException: boom\n\tat x' },
    ],
  },
  { connector: 'mm2-checkpoint', state: 'RUNNING', tasks: [{ id: 0, state: 'RUNNING' }] },
];

const reporter = (source: FakeAdmin) => fakeLagReporter({ source });

describe('scheduled report', () => {
  it('combines the lag report with connector health, unhealthy connectors first', async () => {
    const build = createReportBuilder({
      lag: reporter(new FakeAdmin('source').topic('orders', 2, () => 5)),
      health: { states: async () => states },
      render: scheduledReportView,
      now: () => 0,
    });
    const message = await build({ kind: 'scheduled', slot: Date.UTC(2026, 10, 25, 9) });
    const text = JSON.stringify(message.view.blocks);
    expect(text).toContain('Scheduled lag report for 2026-11-25T09:00:00.000Z');
    expect(text).toContain('MM2 lag: GREEN');
    expect(text.indexOf('mm2-source')).toBeLessThan(text.indexOf('mm2-checkpoint'));
    expect(text).toContain('1/2 tasks running');
    expect(text).toContain('task 1 FAILED: org.apache.kafka.common.errors.TimeoutException: boom');
    expect(message.view.blocks.length).toBeLessThanOrEqual(50);
  });

  it('says which half failed instead of failing the whole report', async () => {
    const source = new FakeAdmin('source');
    source.unreachable = true;
    const build = createReportBuilder({
      lag: reporter(source),
      health: {
        states: async () => Promise.reject(new Error('Kafka Connect at http://c:8083 is unreachable')),
      },
      render: scheduledReportView,
      now: () => 0,
    });
    const message = await build({ kind: 'missed', slot: 0 });
    const text = JSON.stringify(message.view.blocks);
    expect(text).toContain('was missed while the bot was down');
    expect(text).toContain("Lag report unavailable:* Kafka cluster 'source' is unreachable");
    expect(text).toContain('health unavailable: Kafka Connect at http://c:8083 is unreachable');
  });

  it('`/mm2 report now` posts the report at once, with its CSV when big', async () => {
    const build = createReportBuilder({
      lag: reporter(new FakeAdmin('source').topic('clicks', 300, () => 1)),
      health: { states: async () => [] },
      render: scheduledReportView,
      now: () => 0,
    });
    const command = createReportCommand({ build });
    expect(command.parse(['later'])).toEqual({ ok: false, error: 'Usage: `/mm2 report now`' });
    const attached: string[] = [];
    const view = await command.run(
      {
        user: 'U',
        channel: 'C',
        correlationId: 'c',
        reply: {
          progress: async () => undefined,
          done: async () => undefined,
          attach: async (f) => void attached.push(f.filename),
        },
      },
      { now: true },
    );
    expect(JSON.stringify(view.blocks)).toContain('requested with `/mm2 report now`');
    expect(attached).toEqual([expect.stringMatching(/^mm2-lag-.*\.csv$/)]);
  });

  it('lists no connectors plainly', () => {
    expect(JSON.stringify(connectorHealthBlocks([]))).toContain('none deployed');
  });
});
