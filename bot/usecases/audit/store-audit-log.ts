import type { Clock } from '../../domain/clock';
import { isAppError } from '../../domain/errors';
import type { AuditInput, AuditLog, AuditPage, AuditRecord } from '../../ports/audit-log';
import type { StateStore } from '../../ports/state-store';
import { DAY_PREFIX, dayKey, dayOfId, dayOfKey, recordKey, recordPrefix, spanOfKey } from './audit-keys';
import { GroupCommit } from './group-commit';
import { sortableIdFactory } from './sortable-id';

export interface AuditRedactor {
  text(s: string): string;
}

export interface StoreAuditLogDeps {
  store: StateStore;
  clock: Clock;
  redactor: AuditRedactor;
  /** Time-sortable ids; injectable for tests. */
  newId?: (epochMs: number) => string;
  /**
   * Group commit: records appended within this window are stored together (one object per day). 0 (the
   * default) still groups the appends made in the same turn of the event loop.
   */
  commitWindowMs?: number;
}

/** How a batch of more than one record is stored; a lone record is stored as itself. */
interface StoredBatch {
  records: AuditRecord[];
}

const isBatch = (v: unknown): v is StoredBatch =>
  typeof v === 'object' && v !== null && Array.isArray((v as Partial<StoredBatch>).records);

const newestFirst = (a: AuditRecord, b: AuditRecord) => (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);

const MAX_ARGS = 50;
const MAX_ARG = 500;
const MAX_DETAIL = 4000;
const MAX_RECENT = 1000;
const READ_CONCURRENCY = 16;
const MAX_BATCH = 200;

async function mapLimited<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

/** Objects read before the first answer tells how many records an object holds here. */
const FIRST_READ = 4;

/**
 * How many objects to read for `missing` more records: each GET costs a request (on S3), and a batch
 * object holds up to MAX_BATCH records, so the count follows the records per object seen so far.
 */
const objectsToRead = (missing: number, seen: { objects: number; records: number }): number =>
  Math.max(
    1,
    seen.objects === 0
      ? Math.min(missing, FIRST_READ)
      : Math.ceil(missing / Math.max(1, seen.records / seen.objects)),
  );

/**
 * The audit trail on the StateStore: redaction happens here, so no caller can forget it. Each stored
 * object is named after the newest record it holds, so names sort by time across replicas too.
 */
export class StoreAuditLog implements AuditLog {
  private readonly newId: (epochMs: number) => string;
  private readonly markedDays = new Set<string>();
  private readonly commits: GroupCommit<AuditRecord>;

  constructor(private readonly deps: StoreAuditLogDeps) {
    this.newId = deps.newId ?? sortableIdFactory();
    this.commits = new GroupCommit({
      write: (records) => this.store(records),
      windowMs: deps.commitWindowMs ?? 0,
      maxItems: MAX_BATCH,
    });
  }

  async append(input: AuditInput): Promise<AuditRecord> {
    const now = this.deps.clock.now();
    const time = new Date(now).toISOString();
    const text = (s: unknown, max: number) => this.deps.redactor.text(String(s ?? '')).slice(0, max);
    const record: AuditRecord = {
      id: this.newId(now),
      time,
      user: text(input.user, 200),
      channel: text(input.channel, 200),
      command: text(input.command, 200),
      args: (input.args ?? []).slice(0, MAX_ARGS).map((a) => text(a, MAX_ARG)),
      outcome: text(input.outcome, 100),
      correlationId: text(input.correlationId, 200),
      ...(input.detail !== undefined ? { detail: text(input.detail, MAX_DETAIL) } : {}),
    };
    await this.commits.add(record);
    return record;
  }

  /** Writes what is still waiting for its commit window; call before the process exits. */
  flush(): Promise<void> {
    return this.commits.flush();
  }

  private async store(records: AuditRecord[]): Promise<void> {
    const byDay = new Map<string, AuditRecord[]>();
    for (const r of records) {
      const day = r.time.slice(0, 10);
      byDay.set(day, [...(byDay.get(day) ?? []), r]);
    }
    await Promise.all(
      [...byDay].map(async ([day, inDay]) => {
        // The day marker goes first, so recent() never overlooks a day that has records.
        await this.markDay(day);
        const sorted = [...inDay].sort(newestFirst).reverse();
        const newest = sorted.at(-1)!;
        await this.deps.store.put<AuditRecord | StoredBatch>(
          recordKey(day, newest.id, sorted[0]!.id),
          sorted.length === 1 ? newest : { records: sorted },
          'absent',
        );
      }),
    );
  }

  private async read(key: string): Promise<AuditRecord[]> {
    const value = (await this.deps.store.get<AuditRecord | StoredBatch>(key))?.value;
    if (value === undefined) return [];
    return isBatch(value) ? value.records : [value];
  }

  async recent(n: number): Promise<AuditRecord[]> {
    return (await this.page(n)).records;
  }

  /**
   * The newest `n` records older than `before` (a record id; none: from the newest), newest first, and
   * the cursor of the next page when there is one. Reads the day markers, the record keys of the days it
   * visits, and about n objects: never the whole log.
   */
  async page(n: number, before?: string): Promise<AuditPage> {
    // A reader never misses what this process said: what waits for its window is written now.
    await this.commits.flush();
    const wanted = Math.max(0, Math.min(MAX_RECENT, Math.floor(n)));
    if (wanted === 0) return { records: [] };
    // One more than asked: it tells whether an older page exists without another round trip.
    const found = await this.newest(wanted + 1, before);
    return found.length > wanted
      ? { records: found.slice(0, wanted), before: found[wanted - 1]!.id }
      : { records: found };
  }

  private async newest(wanted: number, before: string | undefined): Promise<AuditRecord[]> {
    const isOlder = (id: string) => before === undefined || id < before;
    const lastDay = before === undefined ? undefined : dayOfId(before);
    const days = (await this.deps.store.list(DAY_PREFIX))
      .map(dayOfKey)
      .filter((day) => lastDay === undefined || day <= lastDay)
      .sort()
      .reverse();
    let found: AuditRecord[] = [];
    const stats = { objects: 0, records: 0 };
    for (const day of days) {
      // Newest object first; an object whose oldest record is not older than the cursor has nothing to show.
      const spans = (await this.deps.store.list(recordPrefix(day)))
        .map(spanOfKey)
        .filter((span) => isOlder(span.oldest))
        .reverse();
      let next = 0;
      while (next < spans.length) {
        // An object holds nothing newer than its name: once it is older than the n-th newest, stop.
        const nth = found[wanted - 1];
        if (nth !== undefined && spans[next]!.newest < nth.id) break;
        const chunk = spans.slice(next, next + objectsToRead(wanted - found.length, stats));
        next += chunk.length;
        const read = await mapLimited(chunk, READ_CONCURRENCY, (span) => this.read(span.key));
        stats.objects += read.length;
        stats.records += read.reduce((sum, records) => sum + records.length, 0);
        found = [...found, ...read.flat().filter((r) => isOlder(r.id))].sort(newestFirst);
      }
      // Days are disjoint in time: an older day holds nothing newer than what was found.
      if (found.length >= wanted) break;
    }
    return found.slice(0, wanted);
  }

  private async markDay(day: string): Promise<void> {
    if (this.markedDays.has(day)) return;
    try {
      await this.deps.store.put(dayKey(day), { day }, 'absent');
    } catch (error) {
      if (!isAppError(error, 'STATE_CONFLICT')) throw error; // another replica marked it first
    }
    this.markedDays.add(day);
  }
}
