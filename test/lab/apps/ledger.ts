import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Where the ledger apps keep their books: one file per producer, one shared by the consumers. */
export const ledgerFiles = (dir: string) => ({
  produced: (writer: string) => join(dir, `produced-${writer}.log`),
  consumed: join(dir, 'consumed.log'),
});

export interface LedgerCount {
  produced: number;
  consumed: number;
  /** Acknowledged numbers never read. */
  lost: number;
  lostIds: string[];
  /** Reads beyond the first of a number. */
  duplicates: number;
}

const lines = (file: string) =>
  existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean) : [];

/** Counts loss and duplicates exactly from the ledger files in `dir`. */
export function countLedger(dir: string): LedgerCount {
  const produced = existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => f.startsWith('produced-'))
        .flatMap((f) => lines(join(dir, f)))
    : [];
  const consumed = lines(ledgerFiles(dir).consumed);
  const seen = new Set(consumed);
  const lostIds = produced.filter((id) => !seen.has(id));
  return {
    produced: produced.length,
    consumed: consumed.length,
    lost: lostIds.length,
    lostIds: lostIds.slice(0, 20),
    duplicates: consumed.length - seen.size,
  };
}
