import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileStateStore } from '../../../bot/adapters/store/file-state-store';
import { S3StateStore } from '../../../bot/adapters/store/s3-state-store';
import { createAuditCommand, parseAuditArgs } from '../../../bot/commands/audit';
import type { AuditRecord } from '../../../bot/ports/audit-log';
import { StoreAuditLog } from '../../../bot/usecases/audit/store-audit-log';
import { auditEntry } from '../../support/audit-entry';
import { CountingStore } from '../../support/counting-store';
import { FakeClock } from '../../support/fake-clock';
import { startMoto, type MotoServer } from '../../support/moto';
import { createBucket, motoS3Client } from '../../support/s3-client';

const redactor = { text: (s: string) => s };
const entry = auditEntry;

const RECORDS = 4000;
const DAYS = 40;

describe('/mm2 audit pages through a large log on a FileStateStore', () => {
  let dir: string;
  let store: CountingStore;
  let all: AuditRecord[];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'mm2-audit-pages-'));
    store = new CountingStore(new FileStateStore({ dir, fsync: false }));
    const clock = new FakeClock();
    // Two replicas on one store; each appends bursts of 10 in one turn (stored as one batch object
    // `<newest>~<oldest>`), so batches of the two interleave in time, as under load.
    const a = new StoreAuditLog({ store, clock, redactor });
    const b = new StoreAuditLog({ store, clock, redactor });
    const appended: Array<Promise<AuditRecord>> = [];
    for (let i = 0; i < RECORDS; i += 20) {
      for (let j = 0; j < 20; j++) appended.push((j % 2 ? a : b).append(entry(`c${i + j}`)));
      await Promise.all(appended.slice(-20));
      clock.advance((DAYS * 86_400_000) / (RECORDS / 20));
    }
    all = (await Promise.all(appended)).sort((x, y) => (x.id < y.id ? 1 : -1));
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('the store holds batches spanning several records, over every day', async () => {
    const days = await store.list('audit-days/');
    expect(days.length).toBeGreaterThanOrEqual(DAYS); // the fake clock starts mid-morning: one more
    const keys = await store.list(`audit/${days.at(-1)!.slice('audit-days/'.length, -'.json'.length)}/`);
    expect(keys.some((k) => k.includes('~'))).toBe(true);
  });

  test('every page costs at most 3 list and n+3 get calls, whatever the log size', async () => {
    const reader = new StoreAuditLog({ store, clock: new FakeClock(), redactor });
    const n = 25;
    const seen: AuditRecord[] = [];
    const costs: Array<{ list: number; get: number }> = [];
    let before: string | undefined;
    do {
      store.reset();
      const page = await reader.page(n, before);
      costs.push({ list: store.calls.list.length, get: store.calls.get });
      seen.push(...page.records);
      before = page.before;
    } while (before !== undefined);
    // Every record exactly once, in one strictly newest-first sequence across page boundaries.
    expect(seen.map((r) => r.id)).toEqual(all.map((r) => r.id));
    expect(costs).toHaveLength(RECORDS / n);
    // A page reads the day markers and at most the two days it spans (3 at a quiet day in between).
    expect(Math.max(...costs.map((c) => c.list))).toBeLessThanOrEqual(3);
    // At most one object per record it still needs (n+1), plus the batches straddling the cursor.
    expect(Math.max(...costs.map((c) => c.get))).toBeLessThanOrEqual(n + 1 + 2);
    process.stdout.write(
      `audit paging over ${RECORDS} records/${DAYS} days: max ${Math.max(...costs.map((c) => c.list))} list, ` +
        `max ${Math.max(...costs.map((c) => c.get))} get calls per page of ${n}\n`,
    );
  });

  test('the command prints the next page as a command with its cursor, and follows it', async () => {
    const command = createAuditCommand({
      audit: new StoreAuditLog({ store, clock: new FakeClock(), redactor }),
    });
    const ctx = {} as never;
    const first = JSON.stringify(await command.run(ctx, { n: 3 }));
    const cursor = all[2]!.id;
    expect(first).toContain(`/mm2 audit 3 --before ${cursor}`);
    const parsed = parseAuditArgs(['3', '--before', cursor]);
    if (!parsed.ok) throw new Error(parsed.error);
    const second = JSON.stringify(await command.run(ctx, parsed.args));
    expect(second).toContain(all[3]!.correlationId);
    expect(second).not.toContain(`${all[2]!.correlationId} `);
    const last = JSON.stringify(await command.run(ctx, { n: 3, before: all.at(-1)!.id }));
    expect(last).toContain('No older audit records.');
  });
});

describe('the --before cursor is user input', () => {
  test.each([
    ['../../approvals/x'],
    ['<@U123>'],
    ['20261125T211554123Z-0007-9f3a2b1c.json'],
    ['20261125T211554123Z-0007-9f3a2b1c~20261125T211554123Z-0007-9f3a2b1c'],
    ['2026-11-25'],
    [''],
    ['x'.repeat(5000)],
  ])('a forged cursor %j is refused with what to give', (forged) => {
    const result = parseAuditArgs(['10', '--before', forged]);
    expect(result).toEqual({ ok: false, error: expect.stringContaining('--before takes the record id') });
  });

  test('a missing or repeated cursor, or a bad n, is refused; the good forms pass', () => {
    const id = '20261125T211554123Z-0007-9f3a2b1c';
    expect(parseAuditArgs(['--before']).ok).toBe(false);
    expect(parseAuditArgs(['--before', id, '--before', id]).ok).toBe(false);
    expect(parseAuditArgs(['0']).ok).toBe(false);
    expect(parseAuditArgs(['5', '6']).ok).toBe(false);
    expect(parseAuditArgs(['1e1']).ok).toBe(false);
    expect(parseAuditArgs([])).toEqual({ ok: true, args: { n: 10 } });
    expect(parseAuditArgs(['--before', id, '7'])).toEqual({ ok: true, args: { n: 7, before: id } });
  });
});

test('auditView names the older page as a command only when there is one', async () => {
  const { auditView } = await import('../../../bot/views/core/audit-view');
  const record = {
    time: '2026-11-25T10:00:00.000Z',
    user: 'U1',
    channel: 'C1',
    command: 'lag',
    args: [],
    outcome: 'ok',
    correlationId: 'c1',
  };
  const id = '20261125T100000000Z-0001-00000000';
  const withOlder = JSON.stringify(auditView([record], { n: 1, before: id }));
  expect(withOlder).toContain(`/mm2 audit 1 --before ${id}`);
  expect(JSON.stringify(auditView([record], { n: 1 }))).not.toContain('--before');
  expect(auditView([], { n: 5, paged: true }).text).toBe('No older audit records.');
  expect(auditView([]).text).toBe('No audit records yet.');
});

describe('/mm2 audit pages on an S3 state store (moto)', () => {
  let moto: MotoServer;
  beforeAll(async () => (moto = await startMoto()), 60_000);
  afterAll(async () => moto?.stop());

  test('each page costs a bounded number of S3 requests, whatever the log size', async () => {
    const client = motoS3Client(moto.endpoint);
    await createBucket(client, 'mm2-audit-pages');
    const requests: string[] = [];
    client.middlewareStack.add(
      (next, context) => async (args) => {
        requests.push(String(context.commandName));
        return next(args);
      },
      { step: 'initialize', name: 'countRequests' },
    );
    const store = new S3StateStore({ client, bucket: 'mm2-audit-pages', prefix: 'state/' });
    const clock = new FakeClock();
    const log = new StoreAuditLog({ store, clock, redactor });
    const total = 2000;
    const appended: AuditRecord[] = [];
    for (let i = 0; i < total; i += 10) {
      // A burst of 10 in one turn: one object; 100 bursts a day over 20 days.
      appended.push(
        ...(await Promise.all(Array.from({ length: 10 }, (_, j) => log.append(entry(`c${i + j}`))))),
      );
      clock.advance(864_000);
    }
    const newestFirst = appended
      .map((r) => r.id)
      .sort()
      .reverse();
    const perPage: number[] = [];
    const seen: string[] = [];
    let before: string | undefined;
    do {
      requests.length = 0;
      const page = await log.page(25, before);
      perPage.push(requests.length);
      seen.push(...page.records.map((r) => r.id));
      before = page.before;
    } while (before !== undefined);
    expect(seen).toEqual(newestFirst);
    // Day markers (1 list), at most two days of keys (1 list each: 100 objects a day), ≤ 4+2 objects.
    expect(Math.max(...perPage)).toBeLessThanOrEqual(3 + 6);
    process.stdout.write(
      `audit paging on S3 (moto), ${total} records/20 days: max ${Math.max(...perPage)} S3 requests per page of 25 (${perPage.length} pages)\n`,
    );
  }, 120_000);
});
