import { dirname, join } from 'node:path';
import { probeTopicScope } from '../usecases/cutover/probe-scope';
import type { BotConfig } from '../config/bot-config';
import { createEcsServices } from '../adapters/aws/ecs-services';
import { createKafkaAdmin } from '../adapters/kafka/kafkajs-admin';
import { createKafkaGroups } from '../adapters/kafka/kafkajs-groups';
import { FileRunbookSource } from '../adapters/runbook-files/file-runbook-source';
import { createCutoverCommand } from '../commands/cutover';
import type { AnyCommandSpec } from '../commands/command';
import type { Clock } from '../domain/clock';
import type { ChannelMessenger } from '../ports/channel-messenger';
import type { StateStore } from '../ports/state-store';
import type { Approvals } from '../usecases/approvals/approvals';
import { createStepExecutor } from '../usecases/cutover/actions';
import { CutoverStore } from '../usecases/cutover/cutover-store';
import { Cutovers } from '../usecases/cutover/cutovers';
import { CutoverEngine } from '../usecases/cutover/engine';
import { evaluateGates, type GateSettings } from '../usecases/cutover/gates/evaluate';
import { CutoverProbe } from '../usecases/cutover/gates/probe';
import type { Runbook } from '../domain/runbook/runbook-schema';
import { connectOffsetsFromClient } from '../adapters/connect/connect-offsets-from-client';
import type { LoadedProfile } from '../ports/profile-source';
import { lagSettingsFromProfile } from '../usecases/lag/settings-from-profile';
import { awsClientSettings } from './aws-settings';
import type { Backends } from './backends';
import { botKafkaOptions } from './bot-kafka-options';
import { cutoverStepApprovals } from './cutover-step-approvals';

/** connectors/profiles/x.yml -> connectors/runbooks; an S3 profile uses the runbooks shipped with the bot. */
export const runbooksDirFor = (profilePath: string): string =>
  profilePath.startsWith('s3://')
    ? join('connectors', 'runbooks')
    : join(dirname(dirname(profilePath)), 'runbooks');

/** Reads and validates every runbook at start, like the profile: a bad runbook stops the bot. */
export const loadRunbooks = (config: BotConfig): Promise<Map<string, Runbook>> =>
  new FileRunbookSource(runbooksDirFor(config.profilePath)).loadAll();

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms).unref());

export interface CutoverWiring {
  spec: AnyCommandSpec;
  cutovers: Cutovers;
}

/** The cutover feature: probe over the ports, engine over the state store and approvals, the command. */
export function createCutover(deps: {
  config: BotConfig;
  loaded: LoadedProfile;
  runbooks: Map<string, Runbook>;
  backends: Backends;
  store: StateStore;
  approvals: Approvals;
  messenger: ChannelMessenger;
  clock: Clock;
}): CutoverWiring {
  const { profile } = deps.loaded;
  const { config, clock } = deps;
  const kafka = (cluster: 'source' | 'target') => botKafkaOptions(profile, config, cluster);
  const lagSettings = lagSettingsFromProfile(profile);
  const inScope = probeTopicScope(lagSettings);
  const probe = new CutoverProbe({
    source: createKafkaAdmin(kafka('source')),
    target: createKafkaAdmin(kafka('target')),
    sourceGroups: createKafkaGroups(kafka('source')),
    targetGroups: createKafkaGroups(kafka('target')),
    connect: deps.backends.connect,
    connectOffsets: connectOffsetsFromClient(deps.backends.connect),
    metrics: deps.backends.metrics,
    now: () => clock.now(),
    connectors: profile.connectors,
    sourceAlias: profile.source.alias,
    targetAlias: profile.target.alias,
    inScope,
  });
  const settingsOf = (runbook: Runbook | undefined): GateSettings => ({
    lagThreshold: profile.checks.lagRecords.amber,
    lagHoldMs: (runbook?.settings.lagHoldSeconds ?? 10) * 1000,
    fenceMs: (runbook?.settings.fenceSeconds ?? 10) * 1000,
    observeMs: 5000,
    checkpointBand: profile.checks.checkpointAgeSeconds,
  });
  const store = new CutoverStore(deps.store);
  const bootstrap = { source: profile.source.bootstrapServers, target: profile.target.bootstrapServers };
  const aws = awsClientSettings(config);
  const cutovers = new Cutovers({
    store,
    clock,
    runbooks: deps.runbooks,
    profile: profile.name,
    bootstrap,
    intervals: profile.intervals,
    evaluate: (step, runbook) => {
      const gates = [...new Set([...step.gates, ...step.verify])];
      return evaluateGates(
        gates,
        { ...step },
        { probe, settings: settingsOf(runbook), sleep, now: () => clock.now() },
      );
    },
  });
  const engine = new CutoverEngine({
    store,
    clock,
    executor: createStepExecutor({
      ecs: createEcsServices({
        region: aws.region,
        ...(aws.endpoint ? { endpoint: aws.endpoint } : {}),
        ...(aws.credentials ? { credentials: aws.credentials } : {}),
      }),
      connect: deps.backends.connect,
      connectors: profile.connectors,
    }),
    evaluate: async (gates, step, baseline) => {
      const cutover = await cutovers.active();
      const settings = settingsOf(deps.runbooks.get(cutover?.runbook ?? 'default'));
      return evaluateGates(
        gates,
        { ...step, ...(baseline ? { baseline } : {}) },
        { probe, settings, sleep, now: () => clock.now() },
      );
    },
    approvals: cutoverStepApprovals(deps.approvals),
    sourceEnds: async (topics) => probe.ends('source', await probe.topics(topics)),
    bootstrap,
    sleep,
    staleMs: config.cutoverStaleSeconds * 1000,
    beatMs: Math.max(1000, Math.floor((config.cutoverStaleSeconds * 1000) / 4)),
    pollMs: 3000,
  });
  const spec = createCutoverCommand({
    cutovers,
    engine,
    messenger: deps.messenger,
    approvals: deps.approvals,
  });
  return { spec, cutovers };
}
