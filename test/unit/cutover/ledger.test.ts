import { appendFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { countLedger, ledgerFiles } from '../../lab/apps/ledger';

test('the ledger counts lost numbers and duplicate reads exactly, across producers', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ledger-'));
  const files = ledgerFiles(dir);
  appendFileSync(files.produced('a'), 'a:1\na:2\na:3\n');
  appendFileSync(files.produced('b'), 'b:1\n');
  appendFileSync(files.consumed, 'a:1\na:2\na:1\nb:1\na:2\na:2\n');
  expect(countLedger(dir)).toEqual({
    produced: 4,
    consumed: 6,
    lost: 1,
    lostIds: ['a:3'],
    duplicates: 3,
  });
});
