// Runs the chaos matrix against the running lab through one Slack stand-in and real bot processes.
// Each scenario starts its own bots and stops them; a scenario that throws is a failed row (with the
// error as its observation), never the end of the run.
import { OpsHarness } from '../integration/ops/ops-harness';
import { labEndpoints } from '../lab/endpoints';
import type { ChaosContext, ChaosRow, ChaosScenario } from './chaos-types';
import { SCENARIOS } from './scenarios';

export interface ChaosOptions {
  short: boolean;
  /** Scenario names (substring match) to run; all of the run's scenarios when empty. */
  only?: string[];
  log(line: string): void;
  /** Called after each row, e.g. to print progress. */
  onRow?(row: ChaosRow): void;
}

export function selectScenarios(o: Pick<ChaosOptions, 'short' | 'only'>): ChaosScenario[] {
  return SCENARIOS.filter(
    (s) =>
      (!o.short || s.inShortRun) &&
      (o.only === undefined || o.only.length === 0 || o.only.some((n) => s.name.includes(n))),
  );
}

export async function runChaos(o: ChaosOptions): Promise<ChaosRow[]> {
  const lab = await labEndpoints();
  const h = await OpsHarness.start(lab);
  const rows: ChaosRow[] = [];
  try {
    for (const scenario of selectScenarios(o)) {
      o.log(`--- ${scenario.name}`);
      const ctx: ChaosContext = { h, lab, log: o.log, short: o.short };
      const t0 = Date.now();
      let row: ChaosRow;
      try {
        row = { scenario: scenario.name, ...(await scenario.run(ctx)), durationMs: Date.now() - t0 };
      } catch (error) {
        const text = error instanceof Error ? error.message : String(error);
        row = {
          scenario: scenario.name,
          expected: '(scenario did not complete)',
          observed: `ERROR ${text.slice(0, 300)}`,
          lost: 'unknown',
          toldTruth: false,
          pass: false,
          durationMs: Date.now() - t0,
        };
      }
      // Whatever happened, no bot of this scenario is left for the next one.
      for (const bot of h.bots.splice(0)) await bot.stop('SIGKILL').catch(() => undefined);
      // Nor a fault of it: queued 429s a scenario did not use up would hit the next one.
      h.standIn.setRateLimit({});
      h.standIn.clearFailures();
      rows.push(row);
      o.onRow?.(row);
    }
  } finally {
    await h.stop();
  }
  return rows;
}

/** The table: one line per scenario, long cells cut (the JSON keeps everything). */
export function renderChaosTable(rows: readonly ChaosRow[], width = 110): string {
  const cut = (s: string) => (s.length > width ? `${s.slice(0, width - 1)}…` : s);
  const header = ['scenario', 'expected', 'observed', 'lost', 'told truth', 'pass'];
  const cells = rows.map((r) => [
    r.scenario,
    cut(r.expected),
    cut(r.observed),
    cut(r.lost),
    r.toldTruth ? 'yes' : 'NO',
    r.pass ? 'PASS' : 'FAIL',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => (c[i] as string).length)));
  const line = (c: string[]) => `| ${c.map((v, i) => v.padEnd(widths[i] as number)).join(' | ')} |`;
  const rule = `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`;
  return [line(header), rule, ...cells.map(line)].join('\n');
}
