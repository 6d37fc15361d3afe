import fc from 'fast-check';
import { renderText } from '../../../bot/console/render-text';
import {
  approvalOutcomeView,
  approvalRequestView,
  APPROVE_ACTION,
} from '../../../bot/views/core/approval-views';
import { auditView } from '../../../bot/views/core/audit-view';
import { helpView } from '../../../bot/views/core/help-view';
import { unknownVerbView, usageView } from '../../../bot/views/core/notice-views';
import { fitToSlack } from '../../../bot/views/fit-to-slack';
import { escapeText } from '../../../bot/views/mrkdwn';
import type { View } from '../../../bot/views/view';

const identity = <T>(v: T) => v;

/** Slack's limits, checked the way Slack does. */
function assertWithinSlackLimits(view: View): void {
  expect(view.blocks.length).toBeLessThanOrEqual(50);
  for (const block of view.blocks) {
    const text = (block.text as { text?: string } | undefined)?.text ?? '';
    if (block.type === 'section') expect(text.length).toBeLessThanOrEqual(3000);
    if (block.type === 'header') expect(text.length).toBeLessThanOrEqual(150);
    for (const el of (block.elements as Array<{ value?: string; action_id?: string }> | undefined) ?? []) {
      expect((el.value ?? '').length).toBeLessThanOrEqual(2000);
      expect((el.action_id ?? '').length).toBeLessThanOrEqual(255);
    }
    if (typeof block.block_id === 'string') expect(block.block_id.length).toBeLessThanOrEqual(255);
  }
}

const request = {
  id: 'req-1',
  command: 'deploy',
  args: ['all'],
  summary: 'Deploy 3 connectors',
  requester: 'U1AA',
  mode: 'peer' as const,
  expiresAt: '2026-11-25T22:00:00Z',
  status: 'pending' as const,
};

test('help lists only what it is given, with usage lines', () => {
  const view = helpView([{ usage: '/mm2 status [connector]', summary: 'states' }], 'viewer');
  expect(JSON.stringify(view)).toContain('/mm2 status [connector]');
  expect(JSON.stringify(view)).not.toContain('deploy');
  assertWithinSlackLimits(view);
});

test('approval request has Approve/Reject carrying the request id; the outcome drops the buttons', () => {
  const view = approvalRequestView(request);
  const { buttons } = renderText(view);
  expect(buttons.map((b) => [b.label, b.actionId, b.value])).toEqual([
    ['Approve', APPROVE_ACTION, 'req-1'],
    ['Reject', 'mm2_approval_reject', 'req-1'],
  ]);
  const outcome = approvalOutcomeView({ ...request, status: 'done', decidedBy: 'U2BB' });
  expect(renderText(outcome).buttons).toEqual([]);
  expect(outcome.text).toContain('<@U2BB>');
});

test('user text cannot form mentions or broadcasts', () => {
  fc.assert(
    fc.property(fc.string({ maxLength: 500 }), (text) => {
      const view = fitToSlack(unknownVerbView(text + '<!channel><@U123>', undefined), identity);
      const json = JSON.stringify(view);
      return !json.includes('<!channel>') && !json.includes('<@U123>');
    }),
  );
  expect(escapeText('<!here> & <@U1>')).toBe('&lt;!here&gt; &amp; &lt;@U1&gt;');
});

test('huge inputs stay within Slack limits', () => {
  const long = 'x'.repeat(10000);
  assertWithinSlackLimits(usageView(long, long));
  assertWithinSlackLimits(approvalRequestView({ ...request, summary: long, args: [long] }));
  const records = Array.from({ length: 100 }, (_, i) => ({
    time: new Date(0).toISOString(),
    user: 'U1',
    channel: 'C1',
    command: 'lag',
    args: [long],
    outcome: 'ok',
    correlationId: `c${i}`,
  }));
  assertWithinSlackLimits(auditView(records));
  const many: View = { text: 't', blocks: Array.from({ length: 80 }, () => ({ type: 'divider' })) };
  assertWithinSlackLimits(fitToSlack(many, identity));
});

test('console rendering reads like the message', () => {
  const { text } = renderText(
    helpView([{ usage: '/mm2 lag [topic regex]', summary: 'replication lag' }], 'operator'),
  );
  expect(text).toContain('== MirrorMaker 2 migration bot ==');
  expect(text).toContain('`/mm2 lag [topic regex]` replication lag');
  expect(text).toContain('Your role: *operator*');
});
