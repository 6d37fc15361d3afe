// The short chaos run of `npm test`: the scenarios marked for it (Slack faults, SIGKILL mid-approval,
// two replicas on S3, a hung store, slow Connect, Prometheus and AWS down), a short fuzz and a short load,
// through the real bot against the lab. Every row must pass; the table is printed either way, and
// written to .lab-run/chaos/short-results.json. `npm run chaos` runs the whole matrix.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { labConfig } from '../../lab/config';
import { renderChaosTable, runChaos, selectScenarios } from '../../chaos/run-chaos';
import type { ChaosRow } from '../../chaos/chaos-types';

jest.setTimeout(20 * 60_000);

let rows: ChaosRow[] = [];

beforeAll(async () => {
  rows = await runChaos({ short: true, log: (l) => process.stderr.write(`[chaos] ${l}\n`) });
  const dir = join(labConfig().runDir, 'chaos');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'short-results.json'), JSON.stringify(rows, null, 2));
  process.stdout.write(`${renderChaosTable(rows)}\n`);
});

test('every scenario of the short run ran', () => {
  expect(rows.map((r) => r.scenario)).toEqual(selectScenarios({ short: true }).map((s) => s.name));
});

test.each(selectScenarios({ short: true }).map((s) => s.name))('%s', (name) => {
  const row = rows.find((r) => r.scenario === name);
  // The observation is in the comparison so a failure shows what happened.
  expect({
    name,
    observed: row?.observed,
    nothingLost: row?.lost.startsWith('nothing'),
    pass: row?.pass,
  }).toEqual({
    name,
    observed: row?.observed,
    nothingLost: true,
    pass: true,
  });
});
