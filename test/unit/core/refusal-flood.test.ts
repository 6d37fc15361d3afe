// Issue 15, defect 8: refusals from channels the bot does not serve are rate-limited per user, so no
// one can flood the audit trail.
import { Dispatcher } from '../../../bot/commands/dispatcher';
import type { AuditInput } from '../../../bot/ports/audit-log';
import type { ChatSurface } from '../../../bot/ports/chat-surface';
import { Approvals } from '../../../bot/usecases/approvals/approvals';
import { createRunEngine } from '../../../bot/usecases/approvals/run-engine';
import { FakeClock } from '../../support/fake-clock';
import { MemoryStateStore } from '../../support/memory-state-store';

const log = { info: () => undefined, warn: () => undefined, error: () => undefined, child: () => log };

test('a user flooding from a foreign channel gets 5 audited refusals a minute; others are unaffected', async () => {
  const clock = new FakeClock();
  const records: AuditInput[] = [];
  const audit = { append: async (r: AuditInput) => void records.push(r) };
  const approvals = new Approvals({
    store: new MemoryStateStore(),
    clock,
    roles: { highestRole: async () => 'viewer' },
    audit,
    ttlMs: 60_000,
  });
  const dispatcher = new Dispatcher({
    specs: [],
    roles: { highestRole: async () => 'viewer' },
    approvals,
    runs: createRunEngine({ approvals, audit, clock, log, redact: (s) => s }),
    audit,
    allowedChannels: ['C1'],
    clock,
    log,
    redact: (s) => s,
  });
  const answers: string[] = [];
  const surface = (user: string): ChatSurface => ({
    post: async () => ({ channel: 'C9', ts: '1.1' }),
    answer: async () => undefined,
    update: async () => undefined,
    ephemeral: async () => void answers.push(user),
    attach: async () => undefined,
  });
  const from = (user: string) => dispatcher.handle({ user, channel: 'C9', text: 'status' }, surface(user));
  const refusedFor = (user: string) => records.filter((r) => r.user === user && r.outcome === 'refused');

  for (let i = 0; i < 50; i++) await from('UFLOOD');
  expect(refusedFor('UFLOOD')).toHaveLength(5);
  expect(answers.filter((u) => u === 'UFLOOD')).toHaveLength(5);

  await from('UOTHER');
  expect(refusedFor('UOTHER')).toHaveLength(1);

  clock.advance(60_000);
  await from('UFLOOD');
  expect(refusedFor('UFLOOD')).toHaveLength(6);
});
