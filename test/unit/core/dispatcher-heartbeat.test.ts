import type { CommandSpec } from '../../../bot/commands/command';
import type { View } from '../../../bot/views/view';
import { Dispatcher } from '../../../bot/commands/dispatcher';
import type { ApprovalGate } from '../../../bot/commands/dispatcher-deps';
import type { ChatSurface } from '../../../bot/ports/chat-surface';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const request = {
  id: 'r1',
  command: 'deploy',
  args: ['all'],
  summary: 'deploy all',
  requester: 'U1',
  mode: 'peer' as const,
  expiresAt: '2026-11-25T11:00:00.000Z',
  status: 'approved',
  channel: 'C1',
  correlationId: 'c1',
};

test('an approved command beats while it runs, and stops beating when it ends', async () => {
  const beats: string[] = [];
  const approvals: ApprovalGate = {
    request: async () => request,
    attachMessage: async () => undefined,
    decide: async () => ({ kind: 'execute', request }),
    complete: async () => ({ ...request, status: 'done' }),
    heartbeat: async (id) => void beats.push(id),
  };
  const deploy: CommandSpec<null> = {
    verb: 'deploy',
    role: 'operator',
    usage: '/mm2 deploy',
    summary: 'deploy',
    approval: 'peer',
    parse: () => ({ ok: true, args: null }),
    run: async () => {
      await sleep(400);
      return { text: 'deployed', blocks: [] };
    },
  };
  const log = { info: () => undefined, warn: () => undefined, error: () => undefined, child: () => log };
  const dispatcher = new Dispatcher({
    specs: [deploy],
    roles: { highestRole: async () => 'approver' },
    approvals,
    audit: { append: async () => undefined },
    allowedChannels: ['C1'],
    clock: { now: () => Date.now() },
    log,
    redact: (s) => s,
    heartbeatMs: 40,
  });
  const shown: View[] = [];
  const surface: ChatSurface = {
    post: async (view) => (shown.push(view), { channel: 'C1', ts: '1.1' }),
    answer: async (view) => void shown.push(view),
    update: async (_ref, view) => void shown.push(view),
    ephemeral: async (view) => void shown.push(view),
    attach: async () => undefined,
  };
  await dispatcher.decide({ user: 'U2', channel: 'C1', approvalId: 'r1', decision: 'approve' }, surface);
  const during = beats.length;
  expect(during).toBeGreaterThanOrEqual(3);
  expect(beats.every((id) => id === 'r1')).toBe(true);
  expect(shown.at(-1)!.text).toContain('done');
  await sleep(150);
  expect(beats).toHaveLength(during);
});
