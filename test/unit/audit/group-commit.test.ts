import { createRedactor } from '../../../bot/domain/redactor';
import { GroupCommit } from '../../../bot/usecases/audit/group-commit';
import { StoreAuditLog } from '../../../bot/usecases/audit/store-audit-log';
import { auditEntry } from '../../support/audit-entry';
import { CountingStore } from '../../support/counting-store';
import { FakeClock } from '../../support/fake-clock';
import { MemoryStateStore } from '../../support/memory-state-store';

const entry = auditEntry;
const redactor = createRedactor();

describe('GroupCommit', () => {
  test('items added within the window are written as one batch, and each add resolves after it', async () => {
    const batches: number[][] = [];
    const commits = new GroupCommit<number>({
      write: async (items) => void batches.push(items),
      windowMs: 30,
      maxItems: 100,
    });
    const adds = [1, 2, 3].map((n) => commits.add(n));
    expect(batches).toEqual([]);
    await Promise.all(adds);
    expect(batches).toEqual([[1, 2, 3]]);
  });

  test('a full batch is written at once; flush writes what waits without the window', async () => {
    const batches: number[][] = [];
    const commits = new GroupCommit<number>({
      write: async (items) => void batches.push(items),
      windowMs: 60_000,
      maxItems: 2,
    });
    void commits.add(1);
    void commits.add(2);
    const third = commits.add(3);
    await commits.flush();
    await third;
    expect(batches).toEqual([[1, 2], [3]]);
  });

  test('a failed write rejects every add of its batch, and the next batch is written', async () => {
    let fail = true;
    const commits = new GroupCommit<number>({
      write: async () => {
        if (fail) throw new Error('disk full');
      },
      windowMs: 0,
      maxItems: 10,
    });
    const results = await Promise.allSettled([commits.add(1), commits.add(2)]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    fail = false;
    await expect(commits.add(3)).resolves.toBeUndefined();
  });
});

describe('StoreAuditLog with a commit window', () => {
  test('a burst of 30 commands is one stored object, read back newest first', async () => {
    const store = new CountingStore(new MemoryStateStore());
    const clock = new FakeClock();
    const audit = new StoreAuditLog({ store, clock, redactor, commitWindowMs: 20 });
    const appends = Array.from({ length: 30 }, (_, i) => {
      clock.advance(1);
      return audit.append(entry(`c${i}`));
    });
    await Promise.all(appends);
    expect(await store.list('audit/')).toHaveLength(1);
    expect(store.calls.put).toBe(2); // the day marker and the batch
    expect((await audit.recent(3)).map((r) => r.correlationId)).toEqual(['c29', 'c28', 'c27']);
    expect((await audit.recent(100)).map((r) => r.correlationId)).toEqual(
      Array.from({ length: 30 }, (_, i) => `c${29 - i}`),
    );
  });

  test('recent() does not wait for the window: it writes what is pending', async () => {
    const audit = new StoreAuditLog({
      store: new MemoryStateStore(),
      clock: new FakeClock(),
      redactor,
      commitWindowMs: 60_000,
    });
    const appended = audit.append(entry('pending'));
    const started = Date.now();
    expect((await audit.recent(1)).map((r) => r.correlationId)).toEqual(['pending']);
    await appended;
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  test('batches of two replicas interleaved in time still read back in time order', async () => {
    const store = new MemoryStateStore();
    const clock = new FakeClock();
    const a = new StoreAuditLog({ store, clock, redactor, commitWindowMs: 20 });
    const b = new StoreAuditLog({ store, clock, redactor, commitWindowMs: 20 });
    const appends: Array<Promise<unknown>> = [];
    for (let i = 0; i < 12; i++) {
      clock.advance(1);
      appends.push((i % 3 === 0 ? b : a).append(entry(`c${i}`)));
    }
    await Promise.all(appends);
    expect(await store.list('audit/')).toHaveLength(2);
    const expected = Array.from({ length: 12 }, (_, i) => `c${11 - i}`);
    for (const n of [1, 2, 5, 12]) {
      expect((await a.recent(n)).map((r) => r.correlationId)).toEqual(expected.slice(0, n));
    }
  });

  test('a batch that spans midnight is stored under each day', async () => {
    const store = new MemoryStateStore();
    const clock = new FakeClock(Date.parse('2026-11-25T23:59:59.990Z'));
    const audit = new StoreAuditLog({ store, clock, redactor, commitWindowMs: 20 });
    const first = audit.append(entry('before'));
    clock.advance(20);
    const second = audit.append(entry('after'));
    await Promise.all([first, second]);
    expect((await store.list('audit/')).map((k) => k.split('/')[1])).toEqual(['2026-11-25', '2026-11-26']);
    expect((await audit.recent(2)).map((r) => r.correlationId)).toEqual(['after', 'before']);
  });
});
