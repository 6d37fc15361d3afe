import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileStateStore } from '../../../bot/adapters/store/file-state-store';
import { createRedactor, REDACTED } from '../../../bot/domain/redactor';
import type { AuditInput } from '../../../bot/ports/audit-log';
import { StoreAuditLog } from '../../../bot/usecases/audit/store-audit-log';
import type { AuditReader } from '../../../bot/commands/audit';
import type { AuditAppender } from '../../../bot/commands/dispatcher-deps';
import { CountingStore } from '../../support/counting-store';
import { FakeClock } from '../../support/fake-clock';
import { MemoryStateStore } from '../../support/memory-state-store';

// Compile-time check: the audit log fits what the dispatcher and `/mm2 audit` expect.
export const fitsCommands = (log: StoreAuditLog): AuditAppender & AuditReader => log;

const redactor = createRedactor({ secrets: ['registered-secret-1'] });
const entry = (over: Partial<AuditInput> = {}): AuditInput => ({
  user: 'U1',
  channel: 'C1',
  command: 'deploy',
  args: ['all'],
  outcome: 'ok',
  correlationId: 'corr-1',
  ...over,
});

describe('StoreAuditLog', () => {
  test('append stores one redacted record per key under its day', async () => {
    const store = new MemoryStateStore();
    const clock = new FakeClock();
    const audit = new StoreAuditLog({ store, clock, redactor });
    const record = await audit.append(
      entry({
        args: ['ssl.key.password=hunter2', 'registered-secret-1'],
        detail: '+ sasl.jaas.config: x password="pw"',
      }),
    );
    expect(record.time).toBe('2026-11-25T10:00:00.000Z');
    expect(record.args).toEqual([`ssl.key.password=${REDACTED}`, REDACTED]);
    expect(record.detail).not.toContain('"pw"');
    const keys = await store.list('audit/');
    expect(keys).toEqual([`audit/2026-11-25/${record.id}.json`]);
    expect((await store.get(keys[0]!))?.value).toEqual(record);
  });

  test('recent(n) is newest first across days, with gaps between days', async () => {
    const clock = new FakeClock();
    const audit = new StoreAuditLog({ store: new MemoryStateStore(), clock, redactor });
    for (let i = 0; i < 6; i++) {
      await audit.append(entry({ correlationId: `c${i}` }));
      clock.advance(i === 2 ? 9 * 86_400_000 : 60_000); // nine quiet days after the third record
    }
    expect((await audit.recent(4)).map((r) => r.correlationId)).toEqual(['c5', 'c4', 'c3', 'c2']);
    expect((await audit.recent(100)).map((r) => r.correlationId)).toEqual([
      'c5',
      'c4',
      'c3',
      'c2',
      'c1',
      'c0',
    ]);
    expect(await audit.recent(0)).toEqual([]);
  });

  test('records in the same millisecond keep their order', async () => {
    const audit = new StoreAuditLog({ store: new MemoryStateStore(), clock: new FakeClock(), redactor });
    for (let i = 0; i < 20; i++) await audit.append(entry({ correlationId: `c${i}` }));
    expect((await audit.recent(3)).map((r) => r.correlationId)).toEqual(['c19', 'c18', 'c17']);
  });

  test('two replicas append at the same instant without conflicts or losses', async () => {
    const store = new MemoryStateStore();
    const clock = new FakeClock();
    const a = new StoreAuditLog({ store, clock, redactor });
    const b = new StoreAuditLog({ store, clock, redactor });
    await Promise.all(
      Array.from({ length: 40 }, (_, i) => (i % 2 ? a : b).append(entry({ correlationId: `c${i}` }))),
    );
    expect(new Set((await a.recent(100)).map((r) => r.correlationId)).size).toBe(40);
  });

  test('recent(10) over 3,000 records in 30 days reads only the newest day and 10 records', async () => {
    const inner = new MemoryStateStore();
    const store = new CountingStore(inner);
    const clock = new FakeClock();
    const audit = new StoreAuditLog({ store, clock, redactor });
    for (let i = 0; i < 3000; i++) {
      await audit.append(entry({ correlationId: `c${i}` }));
      clock.advance(864_000); // 100 a day
    }
    store.reset();
    const recent = await audit.recent(10);
    expect(recent.map((r) => r.correlationId)).toEqual(Array.from({ length: 10 }, (_, i) => `c${2999 - i}`));
    expect(store.calls.list).toEqual(['audit-days/', `audit/${recent[0]!.time.slice(0, 10)}/`]);
    expect(store.calls.get).toBe(11); // one more than shown: it tells whether an older page exists
  });

  describe('on a FileStateStore', () => {
    let dir: string;
    beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'mm2-audit-'))));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    test('recent(50) over 3,000 records stays fast', async () => {
      const clock = new FakeClock();
      const audit = new StoreAuditLog({ store: new FileStateStore({ dir, fsync: false }), clock, redactor });
      for (let batch = 0; batch < 30; batch++) {
        await Promise.all(
          Array.from({ length: 100 }, (_, i) =>
            audit.append(entry({ correlationId: `c${batch * 100 + i}` })),
          ),
        );
        clock.advance(3_600_000);
      }
      const started = performance.now();
      const recent = await audit.recent(50);
      const ms = performance.now() - started;
      expect(recent).toHaveLength(50);
      expect(recent[0]!.time >= recent[49]!.time).toBe(true);
      expect(ms).toBeLessThan(500);
    });
  });
});

test('recent() sees an append that is still being written', async () => {
  const { MemoryStateStore } = await import('../../support/memory-state-store');
  const { FakeClock } = await import('../../support/fake-clock');
  const { StoreAuditLog } = await import('../../../bot/usecases/audit/store-audit-log');
  const store = new MemoryStateStore();
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const slowPut = store.put.bind(store);
  store.put = async (key, value, condition) => {
    if (key.startsWith('audit/')) await gate;
    return slowPut(key, value, condition);
  };
  const log = new StoreAuditLog({ store, clock: new FakeClock(), redactor: { text: (s) => s } });
  const appending = log.append({
    user: 'U1',
    channel: 'C1',
    command: 'help',
    args: [],
    outcome: 'ok',
    correlationId: 'c1',
  });
  const reading = log.recent(5);
  release();
  await appending;
  expect((await reading).map((r) => r.command)).toEqual(['help']);
});
