import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import type { LabConfig } from '../config';
import { spawnDetached, type Spawned } from '../processes';

interface PromConfig {
  global: Record<string, unknown>;
  rule_files?: string[];
  scrape_configs: Array<{ job_name: string; static_configs?: Array<{ targets: string[] }> }>;
}

/**
 * The shared docker/prometheus/prometheus.yml, with the lab's differences only: a short scrape
 * interval, its own listen address, absolute rule paths, and file_sd targets pointing at loopback.
 */
export function labPrometheusConfig(
  config: LabConfig,
  botMetricsTargets: string[] = [],
): { yaml: string; targets: Record<string, unknown> } {
  const base = parse(
    readFileSync(join(config.root, 'docker/prometheus/prometheus.yml'), 'utf8'),
  ) as PromConfig;
  base.global.scrape_interval = config.scrapeInterval;
  base.global.evaluation_interval = config.scrapeInterval;
  base.rule_files = (base.rule_files ?? []).map((f) => join(config.root, 'docker/prometheus', f));
  for (const job of base.scrape_configs) {
    if (job.job_name === 'prometheus')
      job.static_configs = [{ targets: [`${config.host}:${config.ports.prometheus}`] }];
  }
  return {
    yaml: stringify(base),
    targets: {
      'kafka-connect.json': [
        { targets: [`${config.host}:${config.ports.connectMetrics}`], labels: { env: 'lab' } },
      ],
      'mm2-bot.json': [{ targets: botMetricsTargets, labels: { env: 'lab' } }],
    },
  };
}

export function startPrometheus(config: LabConfig, env: NodeJS.ProcessEnv): Spawned {
  const dir = join(config.runDir, 'prometheus');
  mkdirSync(join(dir, 'targets'), { recursive: true });
  const { yaml, targets } = labPrometheusConfig(config);
  writeFileSync(join(dir, 'prometheus.yml'), yaml);
  for (const [file, content] of Object.entries(targets))
    writeFileSync(join(dir, 'targets', file), JSON.stringify(content));
  return spawnDetached(
    'prometheus',
    [
      `--config.file=${join(dir, 'prometheus.yml')}`,
      `--storage.tsdb.path=${join(dir, 'data')}`,
      `--web.listen-address=${config.host}:${config.ports.prometheus}`,
      '--storage.tsdb.retention.time=1d',
      '--web.enable-lifecycle',
    ],
    { log: join(dir, 'prometheus.log'), cwd: dir, env },
  );
}

/** The Connect worker's scrape target as Prometheus sees it: 1 when up. */
export async function connectTargetUp(prometheusUrl: string): Promise<boolean> {
  const res = await fetch(
    `${prometheusUrl}/api/v1/query?query=${encodeURIComponent('up{job="kafka-connect"}')}`,
    {
      signal: AbortSignal.timeout(3000),
    },
  );
  const body = (await res.json()) as { data?: { result?: Array<{ value: [number, string] }> } };
  return body.data?.result?.some((r) => r.value[1] === '1') ?? false;
}
