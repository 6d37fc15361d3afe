// Scenario: the cutover's gate evaluation over 1,000 partitions and 50 consumer groups (a check-group
// step of a large batch, plus partition counts and exact lag 0), through the bot's own adapters, probe
// and evaluators, against the raw admin and Connect calls those gates need, made directly with kafkajs
// and fetch, timed alternately in the same run on the same lab.
import { randomUUID } from 'node:crypto';
import type { Admin } from 'kafkajs';
import { UndiciConnectClient } from '../../bot/adapters/connect/undici-connect-client';
import { connectOffsetsFromClient } from '../../bot/adapters/connect/connect-offsets-from-client';
import { createKafkaGroups } from '../../bot/adapters/kafka/kafkajs-groups';
import type { GateId } from '../../bot/domain/runbook/runbook-schema';
import { evaluateGates } from '../../bot/usecases/cutover/gates/evaluate';
import { CutoverProbe } from '../../bot/usecases/cutover/gates/probe';
import type { LabEndpoints } from '../lab/endpoints';
import { createBenchTopics, openBenchClusters, stoppedConnectorWithOffsets } from './bench-clusters';
import { atMost, type ScenarioResult } from './results';
import { median, ratio } from './stats';

export interface CutoverGatesBenchOptions {
  lab: LabEndpoints;
  /** Timed runs of each side, alternating, after one warm-up each (default 7). */
  runs?: number;
  log?: (line: string) => void;
}

export interface CutoverGatesDetails {
  topics: number;
  partitions: number;
  groups: number;
  runs: number;
  gateMs: number[];
  rawMs: number[];
  /** What the gates reported (every group judged, every partition counted): the work was done. */
  groupResults: number;
  partitionsCounted: number;
}

const TOPICS = 10;
const PARTITIONS = 100;
const GROUPS = 50;
const GATES: GateId[] = ['partition-counts', 'lag-zero', 'group-empty-source', 'group-ready-target'];

export async function benchCutoverGates(
  o: CutoverGatesBenchOptions,
): Promise<ScenarioResult<CutoverGatesDetails>> {
  const log = o.log ?? (() => undefined);
  const runs = o.runs ?? 7;
  const { lab } = o;
  const run = randomUUID().slice(0, 8);
  const prefix = `bench-cut-${run}`;
  const topics = Array.from({ length: TOPICS }, (_, i) => `${prefix}-t${i}`);
  const groups = Array.from({ length: GROUPS }, (_, i) => `${prefix}-g${i}`);
  const topicOf = (i: number) => topics[i % TOPICS]!;
  const connector = `${prefix}-source`;
  const clusters = await openBenchClusters(lab, run);
  const { rawSource, rawTarget, source, target } = clusters;
  const connect = new UndiciConnectClient({ url: lab.connect, timeoutMs: 30_000 });
  try {
    log(`creating ${TOPICS} topics × ${PARTITIONS} partitions on both clusters, ${GROUPS} groups`);
    await createBenchTopics([rawSource, rawTarget], topics, PARTITIONS);
    // Each group committed on every partition of its topic, on the source and (as MM2 would) the target.
    await Promise.all(
      groups.flatMap((groupId, i) =>
        [rawSource, rawTarget].map((admin) =>
          admin.setOffsets({
            groupId,
            topic: topicOf(i),
            partitions: Array.from({ length: PARTITIONS }, (_, p) => ({ partition: p, offset: '0' })),
          }),
        ),
      ),
    );
    await stoppedConnectorWithOffsets(lab, connector, topics, PARTITIONS);

    const probe = new CutoverProbe({
      source,
      target,
      sourceGroups: createKafkaGroups({ cluster: 'source', brokers: [lab.source] }),
      targetGroups: createKafkaGroups({ cluster: 'target', brokers: [lab.target] }),
      connect,
      connectOffsets: connectOffsetsFromClient(connect),
      now: () => Date.now(),
      connectors: { source: connector, checkpoint: `${prefix}-checkpoint`, heartbeat: `${prefix}-heartbeat` },
      sourceAlias: 'source',
      targetAlias: 'target',
      inScope: (t) => t.startsWith(prefix),
    });
    const settings = {
      lagThreshold: 1000,
      lagHoldMs: 0,
      fenceMs: 0,
      observeMs: 0,
      checkpointBand: { amber: 60, red: 300 },
    };
    let last: Awaited<ReturnType<typeof evaluateGates>> = [];
    const gates = async () => {
      last = await evaluateGates(
        GATES,
        { groups },
        { probe, settings, sleep: async () => {}, now: Date.now },
      );
    };
    // The same answers, asked directly: what any tool judging these gates must fetch at least.
    const raw = async () => {
      const offsets = (admin: Admin) => Promise.all(topics.map((topic) => admin.fetchTopicOffsets(topic)));
      await Promise.all([
        rawSource.listTopics(),
        rawTarget.listTopics(),
        rawSource.fetchTopicMetadata({ topics }),
        rawTarget.fetchTopicMetadata({ topics }),
        offsets(rawSource),
        offsets(rawTarget),
        fetch(`${lab.connect}/connectors/${connector}/offsets`).then((r) => r.json()),
        rawSource.describeGroups(groups),
        rawTarget.describeGroups(groups),
        Promise.all(groups.map((groupId) => rawSource.fetchOffsets({ groupId }))),
        Promise.all(groups.map((groupId, i) => rawTarget.fetchOffsets({ groupId, topics: [topicOf(i)] }))),
      ]);
    };

    await gates();
    await raw();
    const gateMs: number[] = [];
    const rawMs: number[] = [];
    for (let i = 0; i < runs; i++) {
      let t = performance.now();
      await gates();
      gateMs.push(performance.now() - t);
      t = performance.now();
      await raw();
      rawMs.push(performance.now() - t);
      log(`run ${i + 1}: gates ${Math.round(gateMs[i]!)} ms, raw ${Math.round(rawMs[i]!)} ms`);
    }
    const groupResults = last.filter((r) => r.gate === 'group-ready-target').length;
    const partitionsCounted = Number(last.find((r) => r.gate === 'lag-zero')?.numbers.partitions ?? 0);
    if (groupResults !== GROUPS || partitionsCounted !== TOPICS * PARTITIONS)
      throw new Error(
        `the gates judged ${groupResults} groups and ${partitionsCounted} partitions: ${JSON.stringify(last.slice(0, 2))}`,
      );
    const r = ratio(median(gateMs), median(rawMs));
    const s = `cutover gates (${TOPICS * PARTITIONS} partitions, ${GROUPS} groups, ${runs} runs each)`;
    return {
      name: 'cutover-gates',
      rows: [
        {
          scenario: s,
          metric: 'median, gate evaluation vs raw admin + Connect calls',
          value: median(gateMs),
          unit: 'ms',
          baseline: median(rawMs),
          ratio: r,
          target: 'ratio ≤ 1.5',
          met: atMost(1.5, r),
        },
      ],
      details: {
        topics: TOPICS,
        partitions: TOPICS * PARTITIONS,
        groups: GROUPS,
        runs,
        gateMs,
        rawMs,
        groupResults,
        partitionsCounted,
      },
    };
  } finally {
    await fetch(`${lab.connect}/connectors/${connector}`, { method: 'DELETE' }).catch(() => undefined);
    await rawSource.deleteGroups(groups).catch(() => undefined);
    await rawTarget.deleteGroups(groups).catch(() => undefined);
    await rawSource.deleteTopics({ topics }).catch(() => undefined);
    await rawTarget.deleteTopics({ topics }).catch(() => undefined);
    await clusters.close();
  }
}
