import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'yaml';
import { concreteExpr, loadDashboard, queryPanels, ROOT, type Dashboard } from './dashboard';
import { KNOWN_METRICS, metricNames } from './known-metrics';

const run = promisify(execFile);

interface DatasourceProvisioning {
  apiVersion: number;
  datasources: Array<{ uid: string; type: string; url: string; isDefault?: boolean }>;
}

/** Parses every expression offline: promtool checks them as recording rules. */
async function promtoolParse(exprs: string[]): Promise<{ ok: boolean; output: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'mm2-promql-'));
  try {
    const file = join(dir, 'exprs.yml');
    const rules = exprs.map((expr, i) => ({ record: `panel_expr_${i}`, expr }));
    writeFileSync(file, JSON.stringify({ groups: [{ name: 'dashboard', rules }] }));
    const { stdout, stderr } = await run('promtool', ['check', 'rules', file]);
    return { ok: true, output: stdout + stderr };
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string };
    return { ok: false, output: `${e.stdout ?? ''}${e.stderr ?? ''}` };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('grafana/dashboards/mm2.json', () => {
  const dashboard: Dashboard = loadDashboard();
  const datasources = parse(
    readFileSync(join(ROOT, 'grafana/provisioning/datasources/prometheus.yml'), 'utf8'),
  ) as DatasourceProvisioning;
  const uid = datasources.datasources[0]!.uid;
  const panels = queryPanels(dashboard);

  it('has the panels the runbook refers to', () => {
    const titles = panels.map((p) => p.title.toLowerCase()).join('\n');
    for (const topic of [
      'replication latency',
      'record age',
      'records lag',
      'throughput',
      'connector states',
      'task states',
      'checkpoint latency',
      'worker cpu',
      'tasks per worker',
      'fetch latency',
      'active records',
    ])
      expect(titles).toContain(topic);
  });

  it('gives every panel at least one PromQL target on the provisioned datasource', () => {
    expect(panels.length).toBeGreaterThanOrEqual(10);
    for (const panel of panels) {
      expect({ panel: panel.title, datasource: panel.datasource?.uid }).toEqual({
        panel: panel.title,
        datasource: uid,
      });
      expect(panel.targets?.length).toBeGreaterThan(0);
      for (const target of panel.targets ?? []) {
        expect(target.expr.trim()).not.toBe('');
        expect({ panel: panel.title, datasource: target.datasource?.uid }).toEqual({
          panel: panel.title,
          datasource: uid,
        });
      }
    }
    for (const variable of dashboard.templating.list) expect(variable.datasource?.uid).toBe(uid);
  });

  it('uses only metric names the Connect exporter produces', () => {
    for (const panel of panels)
      for (const target of panel.targets ?? [])
        for (const name of metricNames(target.expr))
          expect({ panel: panel.title, metric: name, known: KNOWN_METRICS.has(name) }).toEqual({
            panel: panel.title,
            metric: name,
            known: true,
          });
  });

  it('finds the metric names of an expression (so an unknown one would be caught)', () => {
    expect(
      metricNames('sum by (topic) (rate(foo_total{topic=~"a|b"}[$__rate_interval])) / on (topic) bar'),
    ).toEqual(['foo_total', 'bar']);
  });

  it('has PromQL that parses once Grafana variables are substituted', async () => {
    const exprs = panels.flatMap((p) => (p.targets ?? []).map((t) => concreteExpr(t.expr)));
    const result = await promtoolParse(exprs);
    expect(result).toEqual({
      ok: true,
      output: expect.stringContaining(`SUCCESS: ${exprs.length} rules found`),
    });
  });

  it('notices a PromQL syntax error (the parse check can fail)', async () => {
    const result = await promtoolParse(['sum by (topic) (kafka_connect_worker_task_count']);
    expect(result.ok).toBe(false);
    expect(result.output).toMatch(/unclosed|parse error/i);
  });

  it('lays panels out on the 24-column grid with unique ids and a stable uid', () => {
    expect(dashboard.uid).toBe('mm2-overview');
    const ids = dashboard.panels.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const p of dashboard.panels) expect(p.gridPos.x + p.gridPos.w).toBeLessThanOrEqual(24);
    const overlaps = dashboard.panels.flatMap((a, i) =>
      dashboard.panels
        .slice(i + 1)
        .filter(
          (b) =>
            a.gridPos.x < b.gridPos.x + b.gridPos.w &&
            b.gridPos.x < a.gridPos.x + a.gridPos.w &&
            a.gridPos.y < b.gridPos.y + b.gridPos.h &&
            b.gridPos.y < a.gridPos.y + a.gridPos.h,
        )
        .map((b) => `${a.id} and ${b.id}`),
    );
    expect(overlaps).toEqual([]);
  });
});

describe('grafana provisioning', () => {
  it('provisions one default Prometheus datasource whose URL comes from the task environment', () => {
    const file = parse(
      readFileSync(join(ROOT, 'grafana/provisioning/datasources/prometheus.yml'), 'utf8'),
    ) as DatasourceProvisioning;
    expect(file.apiVersion).toBe(1);
    expect(file.datasources).toEqual([
      expect.objectContaining({
        type: 'prometheus',
        uid: 'mm2-prometheus',
        url: '${PROMETHEUS_URL}',
        isDefault: true,
      }),
    ]);
  });

  it('loads dashboards from the folder the Grafana image copies them to', () => {
    const file = parse(readFileSync(join(ROOT, 'grafana/provisioning/dashboards/mm2.yml'), 'utf8')) as {
      providers: Array<{ type: string; options: { path: string } }>;
    };
    const dockerfile = readFileSync(join(ROOT, 'docker/grafana/Dockerfile'), 'utf8');
    const provider = file.providers[0]!;
    expect(provider.type).toBe('file');
    expect(dockerfile).toContain(`COPY grafana/dashboards/ ${provider.options.path}/`);
  });
});
