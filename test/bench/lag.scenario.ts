// Scenario 3: the lag report over ≥ 2,000 partitions (benchLagReport), run in a process of its own so
// that its peak RSS is the report's (adapters + use case + view + CSV), not the bench harness's.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from '../support/app-process';
import type { BenchLagResult } from './lag-report.bench';
import { atMost, type ScenarioResult } from './results';

function runLagBenchProcess(log: (line: string) => void, timeoutMs = 600_000): Promise<BenchLagResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'lag-report.bench.ts')], {
      cwd: repoRoot,
      env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    const stderr: string[] = [];
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) {
        stderr.push(line);
        log(`  [lag] ${line}`);
      }
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      if (code !== 0)
        return reject(
          new Error(`the lag bench exited with ${code ?? signal}:\n${stderr.slice(-15).join('\n')}`),
        );
      try {
        resolve(JSON.parse(stdout) as BenchLagResult);
      } catch {
        reject(new Error(`the lag bench printed no JSON result:\n${stdout.slice(0, 500)}`));
      }
    });
  });
}

/** The child finds the lab as the bench does: labEndpoints() of the same LAB_RUN_DIR. */
export async function benchLag(o: { log?: (line: string) => void }): Promise<ScenarioResult<BenchLagResult>> {
  const r = await runLagBenchProcess(o.log ?? (() => undefined));
  if (r.partitions < 2000) throw new Error(`the lag report covered ${r.partitions} partitions, not 2,000`);
  const s = `3 lag report (${r.partitions} partitions, ${r.runs} runs each)`;
  return {
    name: 'lag-report',
    rows: [
      {
        scenario: s,
        metric: 'median, report end to end vs raw queries',
        value: r.report.medianMs,
        unit: 'ms',
        baseline: r.raw.medianMs,
        ratio: r.ratio,
        target: 'ratio ≤ 1.5',
        met: atMost(1.5, r.ratio),
      },
      {
        scenario: s,
        metric: 'total lag, report vs computed from raw',
        value: r.totalLag,
        unit: 'records',
        baseline: r.expectedLag,
        target: 'equal',
        met: r.totalLag === r.expectedLag,
      },
      {
        scenario: s,
        metric: 'peak RSS during the reports (own process, tsx)',
        value: r.peakRssMb,
        unit: 'MB',
      },
      {
        scenario: s,
        metric: 'Slack view: blocks (limit 50)',
        value: r.blocks,
        unit: 'blocks',
        target: '≤ 50',
        met: r.blocks <= 50,
      },
      { scenario: s, metric: 'Slack view: CSV attached', value: r.csvBytes, unit: 'B' },
    ],
    details: r,
  };
}
