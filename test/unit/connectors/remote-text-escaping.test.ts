// Issue 15 item 7: connector names and worker ids read from Connect, and error reasons, are escaped
// wherever they are rendered as mrkdwn (status, lifecycle and deploy views).
import type { ConnectorStatus } from '../../../bot/ports/connect';
import { deployResultView } from '../../../bot/views/connectors/deploy-views';
import { lifecyclePreviewView, lifecycleResultView } from '../../../bot/views/connectors/lifecycle-views';
import { statusView } from '../../../bot/views/connectors/status-view';

const hostile = '<!channel> <@U0EVIL> <https://evil.example|click>';
const status: ConnectorStatus = {
  name: hostile,
  connector: { state: 'FAILED', worker_id: hostile, trace: hostile },
  tasks: [{ id: 0, state: 'FAILED', worker_id: hostile, trace: hostile }],
};

/** Every mrkdwn text in the blocks, where Slack would turn `<...>` into mentions and links. */
const mrkdwnTexts = (blocks: unknown): string[] => {
  const out: string[] = [];
  const walk = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if (o.type === 'mrkdwn' && typeof o.text === 'string') out.push(o.text);
      Object.values(o).forEach(walk);
    }
  };
  walk(blocks);
  return out;
};

test.each([
  [
    'status',
    statusView({
      profileName: 'lab',
      connectors: [{ name: hostile, status }],
      others: [hostile],
      workers: [hostile],
      connectorCounts: { FAILED: 1 },
      taskCounts: { FAILED: 1 },
    }),
  ],
  ['lifecycle preview', lifecyclePreviewView('pause', false, [{ name: hostile, status }])],
  [
    'lifecycle result',
    lifecycleResultView('pause', false, [{ name: hostile, reached: false, status, note: hostile }]),
  ],
  [
    'deploy result',
    deployResultView(
      {
        profileName: hostile,
        items: [{ name: hostile, kind: 'changed', diff: hostile, errors: [] }],
      } as never,
      [{ name: hostile, reached: false, status, note: hostile } as never],
    ),
  ],
])('%s: no mention or link can be formed from remote text', (_what, view) => {
  const texts = mrkdwnTexts(view.blocks);
  expect(texts.length).toBeGreaterThan(0);
  for (const t of texts) {
    expect(t).not.toContain('<!channel>');
    expect(t).not.toContain('<@U0EVIL>');
    expect(t).not.toContain('<https://evil');
  }
});
