import type { View } from '../../../bot/views/view';
import type { ConnectorStatus } from '../../../bot/ports/connect';
import { configView } from '../../../bot/views/connectors/config-view';
import { deployPreviewView, deployResultView } from '../../../bot/views/connectors/deploy-views';
import { lifecyclePreviewView, lifecycleResultView } from '../../../bot/views/connectors/lifecycle-views';
import { offsetsView } from '../../../bot/views/connectors/offsets-view';
import { statusView } from '../../../bot/views/connectors/status-view';

/** Slack's limits from DESIGN.md. */
function expectWithinSlackLimits(view: View): void {
  expect(view.blocks.length).toBeLessThanOrEqual(50);
  for (const b of view.blocks) {
    const text = (b as { text?: { text?: string } }).text?.text;
    if (b.type === 'header') expect(text!.length).toBeLessThanOrEqual(150);
    if (b.type === 'section') expect(text!.length).toBeLessThanOrEqual(3000);
    for (const e of (b as { elements?: Array<{ text?: string }> }).elements ?? [])
      expect((e.text ?? '').length).toBeLessThanOrEqual(3000);
  }
}

const longTrace = [
  'org.apache.kafka.connect.errors.ConnectException: ' + 'x'.repeat(5000),
  ...Array.from({ length: 200 }, (_, i) => `\tat org.example.Frame${i}(Frame.java:${i})`),
  'Caused by: java.io.IOException: <disk> & more',
].join('\n');

const failedStatus = (name: string, tasks: number): ConnectorStatus => ({
  name,
  connector: { state: 'RUNNING', worker_id: 'w1:8083' },
  tasks: Array.from({ length: tasks }, (_, id) => ({
    id,
    state: 'FAILED' as const,
    worker_id: `w${id % 3}:8083`,
    trace: longTrace,
  })),
});

describe('connector views', () => {
  it('status: stays within Slack limits with long traces and many failed tasks', () => {
    const view = statusView({
      profileName: 'lab',
      connectors: [{ name: 'mm2-source', status: failedStatus('mm2-source', 80) }, { name: 'mm2-heartbeat' }],
      others: ['legacy'],
      workers: ['w0:8083', 'w1:8083', 'w2:8083'],
      connectorCounts: { RUNNING: 1 },
      taskCounts: { FAILED: 80 },
    });
    expectWithinSlackLimits(view);
    const json = JSON.stringify(view);
    expect(json).toContain('Caused by: java.io.IOException: &lt;disk&gt; &amp; more');
    expect(json).not.toContain('Frame.java');
    expect(json).toContain('not deployed');
    expect(json).toContain('Not in the profile: legacy');
    expect(json).toContain('Task workers: `w0:8083`, `w1:8083`, `w2:8083`');
    expect(view.text).toContain('(80 failed)');
  });

  it('deploy preview: every validation error by field, capped', () => {
    const errors = Array.from({ length: 40 }, (_, i) => ({ field: `f${i}`, messages: [`bad value ${i}`] }));
    const view = deployPreviewView({
      profileName: 'lab',
      dryRun: true,
      items: [{ name: 'mm2-source', kind: 'changed', diff: 'd', errors }],
    });
    expectWithinSlackLimits(view);
    const json = JSON.stringify(view);
    expect(json).toContain('`f0`: bad value 0');
    expect(json).toContain('and 15 more errors');
    expect(view.text).toBe('Deploy lab refused by Connect validation: mm2-source f0: bad value 0');
  });

  it('deploy preview and result: diff of a new connector, no change', () => {
    const items = [
      { name: 'a', kind: 'new' as const, diff: 'a: new connector\n+ k=v', errors: [] },
      { name: 'b', kind: 'same' as const, diff: 'b: no change', errors: [] },
    ];
    const preview = deployPreviewView({ profileName: 'lab', dryRun: false, items });
    expect(JSON.stringify(preview)).toContain('+ k=v');
    expect(preview.text).toBe('Deploy lab: a: new, b: no change');
    const result = deployResultView({ profileName: 'lab', dryRun: false, items }, [
      {
        name: 'a',
        reached: true,
        status: {
          name: 'a',
          connector: { state: 'RUNNING', worker_id: 'w' },
          tasks: [{ id: 0, state: 'RUNNING', worker_id: 'w' }],
        },
      },
    ]);
    expect(result.text).toBe('Deploy lab: a RUNNING');
    expect(JSON.stringify(result)).toContain('No change: b');
    const same = deployResultView({ profileName: 'lab', dryRun: false, items: [items[1]!] }, []);
    expect(same.text).toContain('no change');
  });

  it('lifecycle views name each connector and flag what did not reach its state', () => {
    const status = (state: 'PAUSED' | 'RUNNING'): ConnectorStatus => ({
      name: 'x',
      connector: { state, worker_id: 'w' },
      tasks: [],
    });
    const preview = lifecyclePreviewView('pause', false, [
      { name: 'a', status: status('RUNNING') },
      { name: 'b' },
    ]);
    expect(JSON.stringify(preview)).toContain('*b* now: not deployed');
    const result = lifecycleResultView('pause', false, [
      { name: 'a', reached: true, status: status('PAUSED') },
      { name: 'b', reached: false, note: 'not deployed: run /mm2 deploy first' },
    ]);
    expect(result.text).toBe('Paused a, b: a PAUSED, b not deployed');
    expect(JSON.stringify(result)).toContain(':warning: *b*');
  });

  it('config: splits a long config over code blocks within limits', () => {
    const config = Object.fromEntries(
      Array.from({ length: 400 }, (_, i) => [`key.number.${i}`, 'v'.repeat(60)]),
    );
    const view = configView('mm2-source', config);
    expectWithinSlackLimits(view);
    expect(view.text).toBe('mm2-source: 400 settings');
    expect(configView('mm2-x', undefined).text).toBe('mm2-x is not deployed');
  });

  it('offsets: a table of topics', () => {
    const view = offsetsView(
      'mm2-source',
      [{ key: 'orders', partitions: 3, minOffset: 4, maxOffset: 9, position: 20 }],
      3,
      false,
    );
    expect(JSON.stringify(view)).toMatch(/orders\s+3\s+4\.\.9/);
    expectWithinSlackLimits(view);
  });
});
