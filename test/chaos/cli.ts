// `npm run chaos`: the whole matrix (`-- --short` for the subset `npm test` runs; `-- --only=a,b` by name).
// Starts the lab when it is not up (and stops it again at the end). The table goes to stdout, progress
// to stderr, every row with its details to .lab-run/chaos/results.json. Exit 1 when a scenario fails.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { labConfig } from '../lab/config';
import { labDown, labUp } from '../lab/lab';
import { renderChaosTable, runChaos } from './run-chaos';

const log = (line: string) =>
  process.stderr.write(`[chaos ${new Date().toISOString().slice(11, 19)}] ${line}\n`);

async function main(): Promise<number> {
  const short = process.argv.includes('--short');
  const only = process.argv
    .find((a) => a.startsWith('--only='))
    ?.slice('--only='.length)
    .split(',');
  const config = labConfig();
  const { started } = await labUp(config, log);
  const startedAt = new Date().toISOString();
  try {
    const rows = await runChaos({
      short,
      ...(only ? { only } : {}),
      log,
      onRow: (r) => log(`${r.pass ? 'PASS' : 'FAIL'} ${r.scenario}: ${r.observed}`),
    });
    const dir = join(config.runDir, 'chaos');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, 'results.json');
    writeFileSync(
      file,
      JSON.stringify({ startedAt, finishedAt: new Date().toISOString(), short, rows }, null, 2),
    );
    process.stdout.write(`${renderChaosTable(rows)}\n`);
    log(`results: ${file}`);
    return rows.every((r) => r.pass) ? 0 : 1;
  } finally {
    if (started) await labDown(config, log);
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
