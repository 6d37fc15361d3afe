// `npm run bench`: every budget of the issues measured in one run on the lab, each against a baseline timed
// in the same run. The table goes to stdout, progress to stderr, everything to .lab-run/bench/results.json.
// Exit 0 when every scenario ran (a missed target is a finding, not a failure); 1 when one failed.
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { labConfig } from '../lab/config';
import { labEndpoints } from '../lab/endpoints';
import { labDown, labUp } from '../lab/lab';
import { benchAckLatency } from './ack-latency.bench';
import { benchCutoverGates } from './cutover-gates.bench';
import { benchLab } from './lab.bench';
import { benchLag } from './lag.scenario';
import type { Row, ScenarioResult } from './results';
import { benchStatus } from './status.bench';
import { benchSnapshot } from './snapshot.bench';
import { renderTable } from './table';
import { waitForHealthyLab } from './lab-health-wait';

const log = (line: string) =>
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}\n`);

async function main(): Promise<number> {
  const only = process.argv
    .find((a) => a.startsWith('--only='))
    ?.slice('--only='.length)
    .split(',');
  const wanted = (name: string) => only === undefined || only.includes(name);
  const num = (flag: string) => {
    const v = process.argv.find((a) => a.startsWith(`--${flag}=`))?.split('=')[1];
    return v === undefined ? undefined : Number(v);
  };
  const rounds = num('rounds');
  const burst = num('burst');
  const runs = num('runs');
  const config = labConfig();
  const startedAt = new Date().toISOString();
  const { started } = await labUp(config, log);
  log(started ? 'started the lab (will stop it at the end)' : 'reusing the running lab');
  const lab = await labEndpoints(config);
  const scenarios: Array<[string, () => Promise<ScenarioResult>]> = [
    [
      'ack',
      () =>
        benchAckLatency({
          lab,
          log,
          ...(rounds !== undefined ? { rounds } : {}),
          ...(burst !== undefined ? { burst } : {}),
          nodeBuild: !process.argv.includes('--no-node-build'),
        }),
    ],
    ['status', () => benchStatus({ lab, log, ...(runs !== undefined ? { runs } : {}) })],
    ['lag', () => benchLag({ log })],
    ['lab', () => benchLab({ shared: config, log })],
    ['snapshot', () => benchSnapshot({ lab, log })],
    ['cutover', () => benchCutoverGates({ lab, log, ...(runs !== undefined ? { runs } : {}) })],
  ];
  const results: ScenarioResult[] = [];
  const errors: Array<{ scenario: string; error: string }> = [];
  const retried: Array<{ scenario: string; error: string }> = [];
  try {
    for (const [name, run] of scenarios) {
      if (!wanted(name)) continue;
      log(`--- scenario ${name}`);
      const t = performance.now();
      // One retry: the shared lab may have been disturbed by a fault test during the first attempt.
      for (let attempt = 1; attempt <= 2; attempt++) {
        try {
          await waitForHealthyLab(config, log);
          results.push(await run());
          break;
        } catch (error) {
          const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
          log(`scenario ${name} attempt ${attempt} FAILED: ${text}`);
          if (attempt === 2) errors.push({ scenario: name, error: text });
          else {
            retried.push({ scenario: name, error: text.split('\n')[0] ?? text });
            await new Promise((r) => setTimeout(r, 10_000));
          }
        }
      }
      log(`scenario ${name} took ${Math.round((performance.now() - t) / 1000)} s`);
    }
  } finally {
    if (started) await labDown(config, log);
  }

  const rows: Row[] = results.flatMap((r) => r.rows);
  const withTarget = rows.filter((r) => r.met !== undefined);
  const missed = withTarget.filter((r) => r.met === false);
  process.stdout.write(`\n${renderTable(rows)}\n\n`);
  process.stdout.write(
    `Targets: ${withTarget.length - missed.length} met, ${missed.length} missed${missed.length ? ` (${missed.map((r) => `${r.scenario.split(' ')[0]}: ${r.metric}`).join('; ')})` : ''}. ` +
      `Scenarios failed: ${errors.length ? errors.map((e) => e.scenario).join(', ') : 'none'}` +
      `${retried.length ? `; retried once: ${retried.map((e) => `${e.scenario} (${e.error})`).join(', ')}` : ''}.\n`,
  );
  process.stdout.write(
    `Machine: ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, load ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')} at the end.\n`,
  );
  const outDir = join(config.runDir, 'bench');
  mkdirSync(outDir, { recursive: true });
  const file = join(outDir, 'results.json');
  writeFileSync(
    file,
    `${JSON.stringify(
      {
        startedAt,
        finishedAt: new Date().toISOString(),
        machine: { cores: cpus().length, totalMemGiB: Math.round(totalmem() / 2 ** 30), loadAvg: loadavg() },
        lab: { endpoints: lab, startedByBench: started },
        rows,
        scenarios: results,
        errors,
        retried,
      },
      null,
      2,
    )}\n`,
  );
  process.stdout.write(`Results: ${file}\n`);
  return errors.length > 0 ? 1 : 0;
}

main()
  .then((code) => process.exit(code))
  .catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  });
