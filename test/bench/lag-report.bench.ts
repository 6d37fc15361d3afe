// The lag report over a topic of ≥ 2,000 partitions, end to end (adapters + use case + Slack view + CSV),
// against the raw queries it needs (admin offsets, group offsets, Connect offsets, PromQL) made directly
// with kafkajs and fetch, timed alternately in the same run on the same lab.
import { randomUUID } from 'node:crypto';
import { createPrometheusClient } from '../../bot/adapters/prometheus/prometheus-client';
import { createConnectOffsetsClient } from '../support/connect-offsets-client';
import { createLagReporter } from '../../bot/usecases/lag/lag-reporter';
import { lagQueries } from '../../bot/usecases/lag/lag-queries';
import { lagReportView } from '../../bot/views/lag/lag-view';
import { systemClock } from '../../bot/domain/clock';
import { labEndpoints, type LabEndpoints } from '../lab/endpoints';
import {
  connectJson,
  createBenchTopics,
  openBenchClusters,
  stoppedConnectorWithOffsets,
} from './bench-clusters';

export interface BenchLagOptions {
  endpoints?: LabEndpoints;
  /** Partitions of the bench topic (default 2,000). */
  partitions?: number;
  /** Timed runs of each side, alternating, after one warm-up each (default 5). */
  runs?: number;
  log?: (line: string) => void;
}

export interface Timing {
  medianMs: number;
  minMs: number;
  maxMs: number;
}

export interface BenchLagResult {
  name: 'lag-report';
  partitions: number;
  connectOffsets: number;
  runs: number;
  report: Timing;
  raw: Timing;
  /** report median / raw median: target ≤ 1.5. */
  ratio: number;
  /** Peak resident set of this process while the reports ran (sampled every 20 ms), and the OS's lifetime max. */
  peakRssMb: number;
  maxRssMb: number;
  totalLag: number;
  /** The same total computed by hand from the raw answers: must equal totalLag. */
  expectedLag: number;
  blocks: number;
  csvBytes: number;
}

const timing = (samples: number[]): Timing => {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    medianMs: Math.round(sorted[Math.floor(sorted.length / 2)] as number),
    minMs: Math.round(sorted[0] as number),
    maxMs: Math.round(sorted[sorted.length - 1] as number),
  };
};

const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

export async function benchLagReport(opts: BenchLagOptions = {}): Promise<BenchLagResult> {
  const log = opts.log ?? (() => undefined);
  const lab = opts.endpoints ?? (await labEndpoints());
  const partitions = opts.partitions ?? 2000;
  const runs = opts.runs ?? 5;
  const run = randomUUID().slice(0, 8);
  const topic = `bench-lag-${run}`;
  const connector = `bench-lag-${run}`;
  const clusters = await openBenchClusters(lab, run);
  const { kafka, rawSource, source, target } = clusters;
  try {
    log(`creating ${topic} with ${partitions} partitions`);
    await createBenchTopics([rawSource], [topic], partitions);
    const producer = kafka(lab.source).producer({
      idempotent: true,
      maxInFlightRequests: 1,
      retry: { retries: 10 },
    });
    await producer.connect();
    // two records in every partition (producer retries may add a few: the expected lag is recomputed below)
    for (let from = 0; from < partitions; from += 500) {
      const messages = [];
      for (let p = from; p < Math.min(partitions, from + 500); p++) {
        messages.push({ partition: p, value: 'a' }, { partition: p, value: 'b' });
      }
      for (let attempt = 0; ; attempt++) {
        try {
          await producer.send({ topic, messages });
          break;
        } catch (error) {
          // fresh partitions may still be electing leaders
          if (attempt >= 10) throw error;
          await new Promise((r) => setTimeout(r, 1000));
        }
      }
    }
    await producer.disconnect();
    await stoppedConnectorWithOffsets(lab, connector, topic, partitions);

    const reporter = createLagReporter({
      source,
      target,
      connectOffsets: createConnectOffsetsClient({ url: lab.connect }),
      metrics: createPrometheusClient({ url: lab.prometheus }),
      clock: systemClock,
      settings: {
        sourceConnector: connector,
        sourceAlias: 'source',
        targetAlias: 'target',
        thresholds: { lagRecords: { amber: 100, red: 10_000 }, latencyMs: { amber: 5000, red: 30_000 } },
      },
    });
    const filter = `^${topic}$`;
    const queries = lagQueries({ source: 'source', target: 'target' });
    const prom = async (query: string, range = false) => {
      const now = Date.now() / 1000;
      const body = new URLSearchParams(
        range
          ? { query, start: String(now - 3600), end: String(now), step: '300s' }
          : { query, time: String(now) },
      );
      const response = await fetch(`${lab.prometheus}/api/v1/${range ? 'query_range' : 'query'}`, {
        method: 'POST',
        body,
      });
      return response.json();
    };

    let lastReport: Awaited<ReturnType<typeof reporter.report>> | undefined;
    let lastCsv = 0;
    let lastBlocks = 0;
    const endToEnd = async () => {
      lastReport = await reporter.report({ filter });
      const message = lagReportView(lastReport);
      lastBlocks = message.view.blocks.length;
      lastCsv = message.csv ? Buffer.byteLength(message.csv.content) : 0;
    };
    // The same calls, made directly: what any tool computing this report must do at least.
    const raw = async () => {
      await Promise.all([
        (async () => {
          const topics = (await rawSource.listTopics()).filter((t) => t === topic);
          await Promise.all(topics.map((t) => rawSource.fetchTopicOffsets(t)));
        })(),
        connectJson(`${lab.connect}/connectors/${connector}/offsets`, 'GET'),
        Promise.all([
          prom(queries.latencyByPartition),
          prom(queries.metricsLagByPartition),
          prom(queries.recordAgeByTopic),
          prom(queries.throughputByTopic),
          prom(queries.checkpointByGroup),
          prom(queries.metricsLagByTopic, true),
        ]),
      ]);
      const { groups } = await rawSource.listGroups();
      await Promise.all(groups.map((g) => rawSource.fetchOffsets({ groupId: g.groupId })));
    };

    await endToEnd();
    await raw();
    const reportMs: number[] = [];
    const rawMs: number[] = [];
    let peak = process.memoryUsage().rss;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
    try {
      for (let i = 0; i < runs; i++) {
        let t = performance.now();
        await endToEnd();
        reportMs.push(performance.now() - t);
        t = performance.now();
        await raw();
        rawMs.push(performance.now() - t);
        log(
          `run ${i + 1}: report ${Math.round(reportMs[i] as number)} ms, raw ${Math.round(rawMs[i] as number)} ms`,
        );
      }
    } finally {
      clearInterval(sampler);
    }
    const report = timing(reportMs);
    const rawTiming = timing(rawMs);
    // The report's total must equal the lag computed by hand from the raw answers.
    const committed = (
      (await connectJson(`${lab.connect}/connectors/${connector}/offsets`, 'GET')) as {
        offsets: Array<{ partition: { partition: number }; offset: { offset: number } }>;
      }
    ).offsets;
    const byPartition = new Map(committed.map((o) => [o.partition.partition, o.offset.offset]));
    const expectedLag = (await rawSource.fetchTopicOffsets(topic)).reduce((sum, o) => {
      const c = byPartition.get(o.partition);
      const next = c === undefined ? Number(o.low) : Math.max(c + 1, Number(o.low));
      return sum + Math.max(0, Number(o.high) - next);
    }, 0);
    return {
      name: 'lag-report',
      partitions: lastReport?.totals.partitions ?? 0,
      connectOffsets: committed.length,
      runs,
      report,
      raw: rawTiming,
      ratio: Math.round((report.medianMs / Math.max(1, rawTiming.medianMs)) * 100) / 100,
      peakRssMb: mb(peak),
      maxRssMb: mb(process.resourceUsage().maxRSS * 1024),
      totalLag: lastReport?.totals.lag ?? 0,
      expectedLag,
      blocks: lastBlocks,
      csvBytes: lastCsv,
    };
  } finally {
    await connectJson(`${lab.connect}/connectors/${connector}`, 'DELETE').catch(() => undefined);
    await rawSource.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await clusters.close();
  }
}

if (require.main === module) {
  benchLagReport({ log: (line) => process.stderr.write(`${line}\n`) })
    .then((result) => process.stdout.write(`${JSON.stringify(result, null, 2)}\n`))
    .catch((error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
      process.exitCode = 1;
    });
}
