// Issue 15 (chaos: bot SIGKILL while a request waits for approval): the `requested` audit record was
// written while the request's message went out, so a bot killed right after the channel saw the request
// lost the record. It is durable before the message is shown.
import { Dispatcher } from '../../../bot/commands/dispatcher';
import type { CommandSpec } from '../../../bot/commands/command';
import type { AuditInput } from '../../../bot/ports/audit-log';
import type { ChatSurface } from '../../../bot/ports/chat-surface';
import { Approvals } from '../../../bot/usecases/approvals/approvals';
import { createRunEngine } from '../../../bot/usecases/approvals/run-engine';
import { FakeClock } from '../../support/fake-clock';
import { MemoryStateStore } from '../../support/memory-state-store';

const log = { info: () => undefined, warn: () => undefined, error: () => undefined, child: () => log };

test("an approval request's 'requested' audit record is stored before its message is shown", async () => {
  const clock = new FakeClock();
  const events: string[] = [];
  // A store that takes a while, like the audit's commit window plus an fsync or an S3 PUT.
  const audit = {
    append: async (entry: AuditInput) => {
      await new Promise((r) => setTimeout(r, 20));
      events.push(`audit ${entry.outcome}`);
    },
  };
  const approvals = new Approvals({
    store: new MemoryStateStore(),
    clock,
    roles: { highestRole: async () => 'approver' },
    audit: { append: async () => undefined },
    ttlMs: 60_000,
  });
  const pause: CommandSpec<null> = {
    verb: 'pause',
    role: 'operator',
    usage: '/mm2 pause',
    summary: 'pause',
    approval: 'self',
    parse: () => ({ ok: true, args: null }),
    run: async () => ({ text: 'paused', blocks: [] }),
  };
  const runs = createRunEngine({ approvals, audit, clock, log, redact: (s) => s });
  const dispatcher = new Dispatcher({
    specs: [pause],
    roles: { highestRole: async () => 'approver' },
    approvals,
    runs,
    audit,
    allowedChannels: ['C1'],
    clock,
    log,
    redact: (s) => s,
  });
  const surface: ChatSurface = {
    post: async (view) => (events.push(`post ${view.text.slice(0, 15)}`), { channel: 'C1', ts: '1.0' }),
    answer: async (view) => void events.push(`answer ${view.text.slice(0, 15)}`),
    update: async () => undefined,
    ephemeral: async () => undefined,
    attach: async () => undefined,
  };
  await dispatcher.handle({ user: 'U1', channel: 'C1', text: 'pause' }, surface);
  const shown = events.findIndex((e) => /Approval needed/.test(e));
  expect(shown).toBeGreaterThanOrEqual(0);
  expect(events.indexOf('audit requested')).toBeGreaterThanOrEqual(0);
  expect(events.indexOf('audit requested')).toBeLessThan(shown);
  expect(events.filter((e) => e === 'audit requested')).toHaveLength(1);
});
