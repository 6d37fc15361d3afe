import type { GateId } from '../../../domain/runbook/runbook-schema';
import type { GateResult } from './gate-types';
import { groupConsumingTarget, groupEmptySource, groupReadyTarget } from './group-gates';
import type { EndsSnapshot } from './measurements';
import {
  checkpointsFresh,
  connectorsRunning,
  lagUnderThreshold,
  partitionCounts,
  replicationPolicy,
  topicConfigs,
} from './preflight-gates';
import type { CutoverProbe } from './probe';
import { lagZero, noStrayProducers, sourceQuiet, targetGrowing } from './producer-gates';

export interface GateSettings {
  /** Exact lag must stay under this (the profile's amber lag threshold). */
  lagThreshold: number;
  lagHoldMs: number;
  fenceMs: number;
  /** How long to watch a moved group or the target before judging "consuming" / "growing". */
  observeMs: number;
  /** The profile's checkpoint thresholds, in seconds. */
  checkpointBand: { amber: number; red: number };
}

export interface GateScope {
  groups?: string[];
  /** Producer topics; every topic in scope when absent. */
  topics?: string[];
  /** Source end offsets when the producers moved (for `source-quiet`). */
  baseline?: EndsSnapshot;
}

export interface GateContext {
  probe: CutoverProbe;
  settings: GateSettings;
  sleep(ms: number): Promise<void>;
  now(): number;
}

/** Caches one measurement per evaluation so two gates reading the same numbers measure them once. */
const once = <T>(fn: () => Promise<T>) => {
  let p: Promise<T> | undefined;
  return () => (p ??= fn());
};

/**
 * Measures and evaluates `gates` for one step, all at once (gates that watch over time run side by
 * side, so a step costs its longest hold, not their sum). A measurement that fails becomes a red gate
 * saying what could not be read: a gate is never assumed green.
 */
export async function evaluateGates(
  gates: GateId[],
  scope: GateScope,
  ctx: GateContext,
): Promise<GateResult[]> {
  const { probe, settings, sleep } = ctx;
  const topics = once(() => probe.topics(scope.topics));
  const connectors = once(() => probe.connectors());
  const now = () => ctx.now();
  const groups = scope.groups ?? [];
  // Every group of the step measured together, once, for the gates that read the same moment.
  const snapshots = once(() => probe.groups(groups));

  const one = async (gate: GateId): Promise<GateResult[]> => {
    switch (gate) {
      case 'connectors-running':
        return [connectorsRunning(await connectors(), now())];
      case 'replication-policy':
        return [replicationPolicy(await connectors(), now())];
      case 'partition-counts':
        return [partitionCounts(await probe.partitionCounts(await topics()), now())];
      case 'topic-configs':
        return [topicConfigs(await probe.configs(await topics()), now())];
      case 'checkpoints-fresh':
        return [checkpointsFresh(await probe.checkpointLatency(), groups, settings.checkpointBand, now())];
      case 'lag-under-threshold': {
        const t = await topics();
        const first = await probe.lag(t);
        await sleep(settings.lagHoldMs);
        return [lagUnderThreshold([first, await probe.lag(t)], settings.lagThreshold, settings.lagHoldMs)];
      }
      case 'lag-zero':
        return [lagZero(await probe.lag(await topics()))];
      case 'no-stray-producers': {
        const t = await topics();
        const before = await probe.ends('source', t);
        await sleep(settings.fenceMs);
        return [noStrayProducers(before, await probe.ends('source', t), settings.fenceMs)];
      }
      case 'target-growing': {
        const t = await topics();
        const before = await probe.ends('target', t);
        await sleep(settings.observeMs);
        return [targetGrowing(before, await probe.ends('target', t))];
      }
      case 'source-quiet': {
        const t = await topics();
        const current = await probe.ends('source', t);
        return [sourceQuiet(scope.baseline ?? current, current)];
      }
      case 'group-empty-source':
        return (await snapshots()).map((s) => groupEmptySource(s, now()));
      case 'group-ready-target':
        return (await snapshots()).map((s) => groupReadyTarget(s, now()));
      case 'group-consuming-target': {
        const before = await probe.groups(groups);
        await sleep(settings.observeMs);
        const after = await probe.groups(groups);
        return after.map((s, i) => groupConsumingTarget(before[i]!, s, now()));
      }
    }
  };

  const results = await Promise.all(
    gates.map((gate) =>
      one(gate).catch((error: unknown): GateResult[] => [
        {
          gate,
          status: 'fail',
          summary: `could not measure: ${error instanceof Error ? error.message : String(error)}`.slice(
            0,
            300,
          ),
          details: [],
          numbers: {},
          at: now(),
        },
      ]),
    ),
  );
  return results.flat();
}
