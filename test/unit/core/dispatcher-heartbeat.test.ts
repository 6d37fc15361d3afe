import type { CommandSpec } from '../../../bot/commands/command';
import { Dispatcher } from '../../../bot/commands/dispatcher';
import type { ChatSurface } from '../../../bot/ports/chat-surface';
import { Approvals } from '../../../bot/usecases/approvals/approvals';
import { createRunEngine } from '../../../bot/usecases/approvals/run-engine';
import type { View } from '../../../bot/views/view';
import { MemoryStateStore } from '../../support/memory-state-store';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const log = { info: () => undefined, warn: () => undefined, error: () => undefined, child: () => log };

test('an approved command runs through the run engine: it beats while it runs, stops after, ends done in its message', async () => {
  const clock = { now: () => Date.now() };
  const approvals = new Approvals({
    store: new MemoryStateStore(),
    clock,
    roles: { highestRole: async () => 'approver' },
    audit: { append: async () => undefined },
    ttlMs: 600_000,
  });
  const beats: string[] = [];
  const beat = approvals.heartbeat.bind(approvals);
  approvals.heartbeat = async (id) => {
    beats.push(id);
    return beat(id);
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
  const deps = { audit: { append: async () => undefined }, clock, log, redact: (s: string) => s };
  const dispatcher = new Dispatcher({
    ...deps,
    specs: [deploy],
    roles: { highestRole: async () => 'approver' },
    approvals,
    runs: createRunEngine({ ...deps, approvals, heartbeatMs: 40 }),
    allowedChannels: ['C1'],
  });
  const shown: View[] = [];
  const surface: ChatSurface = {
    post: async (view) => (shown.push(view), { channel: 'C1', ts: '1.1' }),
    answer: async (view) => void shown.push(view),
    update: async (_ref, view) => void shown.push(view),
    ephemeral: async (view) => void shown.push(view),
    attach: async () => undefined,
  };
  await dispatcher.handle({ user: 'U1', channel: 'C1', text: 'deploy' }, surface);
  const [pending] = await approvals.pending();
  expect(pending?.message).toEqual({ channel: 'C1', ts: '1.1' });

  await dispatcher.decide(
    { user: 'U2', channel: 'C1', approvalId: pending!.id, decision: 'approve' },
    surface,
  );
  const during = beats.length;
  expect(during).toBeGreaterThanOrEqual(3);
  expect(beats.every((id) => id === pending!.id)).toBe(true);
  expect(shown.at(-1)!.text).toContain('done');
  expect((await approvals.get(pending!.id))?.status).toBe('done');
  await sleep(150);
  expect(beats).toHaveLength(during);
});
