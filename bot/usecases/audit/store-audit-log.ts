import type { Clock } from '../../domain/clock';
import { isAppError } from '../../domain/errors';
import type { AuditInput, AuditLog, AuditRecord } from '../../ports/audit-log';
import type { StateStore } from '../../ports/state-store';
import { DAY_PREFIX, dayKey, dayOfKey, recordKey, recordPrefix } from './audit-keys';
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
}

const MAX_ARGS = 50;
const MAX_ARG = 500;
const MAX_DETAIL = 4000;
const MAX_RECENT = 1000;
const READ_CONCURRENCY = 16;

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

/** The audit trail on the StateStore: redaction happens here, so no caller can forget it. */
export class StoreAuditLog implements AuditLog {
  private readonly newId: (epochMs: number) => string;
  private readonly markedDays = new Set<string>();
  /** Appends still being written: recent() waits for them, so a reader never misses what this process said. */
  private readonly inFlight = new Set<Promise<unknown>>();

  constructor(private readonly deps: StoreAuditLogDeps) {
    this.newId = deps.newId ?? sortableIdFactory();
  }

  async append(input: AuditInput): Promise<AuditRecord> {
    const now = this.deps.clock.now();
    const time = new Date(now).toISOString();
    const day = time.slice(0, 10);
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
    // The day marker goes first, so recent() never overlooks a day that has records.
    const write = this.markDay(day).then(() =>
      this.deps.store.put(recordKey(day, record.id), record, 'absent'),
    );
    this.inFlight.add(write);
    try {
      await write;
    } finally {
      this.inFlight.delete(write);
    }
    return record;
  }

  async recent(n: number): Promise<AuditRecord[]> {
    await Promise.allSettled([...this.inFlight]);
    const wanted = Math.max(0, Math.min(MAX_RECENT, Math.floor(n)));
    if (wanted === 0) return [];
    const days = (await this.deps.store.list(DAY_PREFIX)).map(dayOfKey).sort().reverse();
    const keys: string[] = [];
    for (const day of days) {
      const inDay = await this.deps.store.list(recordPrefix(day));
      keys.push(...inDay.slice(-(wanted - keys.length)).reverse());
      if (keys.length >= wanted) break;
    }
    const records = await mapLimited(
      keys,
      READ_CONCURRENCY,
      async (key) => (await this.deps.store.get<AuditRecord>(key))?.value,
    );
    return records.filter((r): r is AuditRecord => r !== undefined);
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
