import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'yaml';
import { KNOWN_METRICS, metricNames } from '../grafana/known-metrics';

const run = promisify(execFile);
const ROOT = resolve(__dirname, '../../..');
const RULES = join(ROOT, 'docker/prometheus/rules/mm2-alerts.yml');
const RULE_TESTS = join(ROOT, 'docker/prometheus/rules/tests/mm2-alerts.test.yml');

async function promtool(...args: string[]): Promise<{ ok: boolean; output: string }> {
  try {
    const { stdout, stderr } = await run('promtool', args, { timeout: 60_000 });
    return { ok: true, output: stdout + stderr };
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string };
    return { ok: false, output: `${e.stdout ?? ''}${e.stderr ?? ''}` };
  }
}

interface Rule {
  alert: string;
  expr: string;
  for?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

const rules = (parse(readFileSync(RULES, 'utf8')) as { groups: Array<{ rules: Rule[] }> }).groups.flatMap(
  (g) => g.rules,
);

describe('MM2 alert rules', () => {
  it('pass promtool check rules', async () => {
    const result = await promtool('check', 'rules', RULES);
    expect(result).toEqual({
      ok: true,
      output: expect.stringContaining(`SUCCESS: ${rules.length} rules found`),
    });
  });

  it('pass their promtool unit tests', async () => {
    const result = await promtool('test', 'rules', RULE_TESTS);
    expect(result).toEqual({ ok: true, output: expect.stringContaining('SUCCESS') });
  });

  it('fail promtool test rules when an expectation is wrong (the unit tests can fail)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mm2-alerts-'));
    try {
      writeFileSync(join(dir, 'mm2-alerts.yml'), readFileSync(RULES));
      const wrong = readFileSync(RULE_TESTS, 'utf8')
        .replace('../mm2-alerts.yml', 'mm2-alerts.yml')
        .replace(
          '{ severity: critical, connector: mm2-source }',
          '{ severity: warning, connector: mm2-source }',
        );
      writeFileSync(join(dir, 'wrong.test.yml'), wrong);
      const result = await promtool('test', 'rules', join(dir, 'wrong.test.yml'));
      expect(result.ok).toBe(false);
      expect(result.output).toMatch(/FAILED[\s\S]*MM2ConnectorFailed/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('cover task failed, connector failed, lag, latency and exporter down', () => {
    expect(rules.map((r) => r.alert).sort()).toEqual([
      'MM2ConnectorFailed',
      'MM2ExporterDown',
      'MM2ExporterMissing',
      'MM2ReplicationLagHigh',
      'MM2ReplicationLatencyHigh',
      'MM2TaskFailed',
    ]);
  });

  it('give every alert a severity, a summary, a description and a for: duration', () => {
    for (const rule of rules) {
      expect({ alert: rule.alert, severity: rule.labels?.severity }).toEqual({
        alert: rule.alert,
        severity: expect.stringMatching(/^(critical|warning)$/),
      });
      expect(rule.annotations?.summary).toBeTruthy();
      expect(rule.annotations?.description).toBeTruthy();
      expect(rule.for).toMatch(/^\d+[sm]$/);
    }
  });

  it('use only metric names the Connect exporter produces', () => {
    for (const rule of rules)
      for (const name of metricNames(rule.expr))
        expect({ alert: rule.alert, name, known: KNOWN_METRICS.has(name) }).toEqual({
          alert: rule.alert,
          name,
          known: true,
        });
  });

  it('keep their unit tests out of the rules/*.yml glob Prometheus loads', () => {
    const config = parse(readFileSync(join(ROOT, 'docker/prometheus/prometheus.yml'), 'utf8')) as {
      rule_files: string[];
    };
    expect(config.rule_files).toEqual(['rules/*.yml']);
    expect(RULE_TESTS).toContain('/rules/tests/');
  });
});
