// One migration of the test's own on the lab, for the cutover acceptance tests: a topic, a profile with
// a runbook beside it, the ledger applications as moto ECS services made real by the reconciler, and
// counting proxies in front of Connect and moto (the bot talks only through them).
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ECSClient, UpdateServiceCommand } from '@aws-sdk/client-ecs';
import { labConfig } from '../../lab/config';
import { awsClientConfig, LAB_AWS } from '../../lab/components/aws-seed';
import { EcsReconciler } from '../../lab/apps/ecs-reconciler';
import { countLedger, type LedgerCount } from '../../lab/apps/ledger';
import { ledgerWatch, seedLedgerServices, type LedgerServicesSpec } from '../../lab/apps/ledger-services';
import { startCountingProxy, type CountedCall, type CountingProxy } from '../../support/counting-proxy';
import { opsProfile, connectorNames } from '../ops/ops-profile';
import { createTopics, type OpsHarness } from '../ops/ops-harness';
import { eventually } from '../../lab/clients';
import { startOrUnwind, type Teardown } from '../../support/teardown';

export interface RigOptions {
  name: string;
  /** How the producer moves: by ECS steps, or by its team (manual steps confirmed in Slack). */
  producerRun: 'ecs' | 'manual';
}

/** The lab work of a start; replaceable so a test can make one step fail. */
export interface RigSteps {
  createTopics: typeof createTopics;
  seedLedgerServices: typeof seedLedgerServices;
}

/** What the rig needs of the harness (an OpsHarness). */
export type RigHarness = Pick<OpsHarness, 'lab' | 'env' | 'trackTopics' | 'track'>;

/** The runbook the tests run: the default order, with the lab's short holds and timeouts. */
export function labRunbook(o: RigOptions, services: LedgerServicesSpec): string {
  const ecs = (service: string) =>
    `{ ecs: { cluster: ${LAB_AWS.cluster}, service: ${service}, container: app, bootstrapEnv: KAFKA_BOOTSTRAP_SERVERS } }`;
  const producerRun =
    o.producerRun === 'ecs'
      ? ecs(services.producer)
      : `{ manual: { team: payments, stop: 'Scale ${services.producer} to 0', start: 'Point ${services.producer} at MSK' } }`;
  return `name: lab
description: The default order with the lab's short holds (tests).
settings: { lagHoldSeconds: 2, fenceSeconds: 4, rollbackWindowSeconds: 5 }
applications:
  - { name: ledger-consumer, kind: consumer, groups: [${services.group}], run: ${ecs(services.consumer)} }
  - { name: ledger-producer, kind: producer, topics: [${services.topic}], run: ${producerRun} }
steps:
  - { id: preflight, title: Preflight, kind: check, gates: [connectors-running, replication-policy, partition-counts, topic-configs, lag-under-threshold, checkpoints-fresh], timeoutSeconds: 60 }
  - { id: stop-consumers, title: 'Stop {app} on the source', kind: ecs, forEach: consumer, action: stop, approval: requester, verify: [group-empty-source], rollback: previous-count, timeoutSeconds: 60 }
  - { id: check-group, title: 'Check {groups} on the target', kind: check, forEach: consumer, waitSeconds: sync, gates: [group-empty-source, group-ready-target], timeoutSeconds: 25 }
  - { id: start-consumers, title: 'Start {app} on MSK', kind: ecs, forEach: consumer, action: start-on-target, approval: peer, gates: [group-empty-source, group-ready-target], verify: [group-consuming-target], rollback: previous-revision, timeoutSeconds: 90 }
  - { id: stop-producers, title: 'Stop {app} on the source', kind: ecs, forEach: producer, action: stop, approval: requester, verify: [no-stray-producers], rollback: previous-count, timeoutSeconds: 12 }
  - { id: producers-drained, title: Exact lag 0 on every partition, kind: check, gates: [no-stray-producers, lag-zero], timeoutSeconds: 60 }
  - { id: start-producers, title: 'Start {app} on MSK', kind: ecs, forEach: producer, action: start-on-target, approval: peer, pointOfNoReturn: true, gates: [lag-zero], verify: [target-growing], timeoutSeconds: 60 }
  - { id: rollback-window, title: Rollback window, kind: check, waitSeconds: rollback-window, gates: [source-quiet], timeoutSeconds: 30 }
  - { id: stop-mm2, title: Stop MirrorMaker 2, kind: connector, connectors: [source, checkpoint, heartbeat], action: stop, approval: peer }
`;
}

const servicesFor = (harness: RigHarness, name: string): LedgerServicesSpec => ({
  producer: `${name}-producer`,
  consumer: `${name}-consumer`,
  topic: `${name}.ledger`,
  group: `${name}-ledger`,
  bootstrap: harness.lab.source,
});
const ledgerDirFor = (name: string) => join(labConfig().runDir, 'apps', name);

async function scaleService(endpoint: string, service: string, desiredCount: number): Promise<void> {
  const ecs = new ECSClient(awsClientConfig(endpoint));
  try {
    await ecs.send(new UpdateServiceCommand({ cluster: LAB_AWS.cluster, service, desiredCount }));
  } finally {
    ecs.destroy();
  }
}

export class CutoverRig {
  readonly services: LedgerServicesSpec;
  readonly ledgerDir: string;
  readonly profileFile: string;
  private constructor(
    readonly harness: RigHarness,
    readonly options: RigOptions,
    readonly connect: CountingProxy,
    readonly aws: CountingProxy,
    readonly reconciler: EcsReconciler,
    private readonly teardown: Teardown,
  ) {
    this.services = servicesFor(harness, options.name);
    this.ledgerDir = ledgerDirFor(options.name);
    this.profileFile = opsProfile(harness.lab, {
      name: options.name,
      topics: [this.services.topic],
      // A migration's normal lag stays well under this; the gates use it as the amber threshold.
      lagRecords: { amber: 5000, red: 50000 },
    });
    const runbooks = join(dirname(dirname(this.profileFile)), 'runbooks');
    mkdirSync(runbooks, { recursive: true });
    writeFileSync(join(runbooks, 'lab.yml'), labRunbook(options, this.services));
  }

  /**
   * Proxies, the reconciler (moto's scheduler), topic, services with running applications (on the
   * source). Nothing of the bot yet. A start that fails stops what it had started.
   */
  static start(
    harness: RigHarness,
    options: RigOptions,
    steps: RigSteps = { createTopics, seedLedgerServices },
  ): Promise<CutoverRig> {
    return startOrUnwind(async (teardown) => {
      const stopProxy = (p: CountingProxy) => p.stop();
      const connect = teardown.add('Connect proxy', await startCountingProxy(harness.lab.connect), stopProxy);
      const aws = teardown.add('AWS proxy', await startCountingProxy(harness.lab.aws), stopProxy);
      const services = servicesFor(harness, options.name);
      const ledgerDir = ledgerDirFor(options.name);
      // Before any service exists: a failed seed may still have created one whose tasks it must stop.
      const reconciler = teardown.add(
        'ECS reconciler',
        new EcsReconciler(harness.lab.aws, ledgerWatch(services, ledgerDir), ledgerDir),
        (r) => r.stop(),
      );
      reconciler.start();
      harness.trackTopics([services.topic]);
      harness.track(connectorNames(options.name));
      await steps.createTopics(harness.lab.source, [{ topic: services.topic, numPartitions: 3 }]);
      teardown.add('ledger services', services, async (s) => {
        // Desired count 0 so nothing restarts them; the reconciler (stopped after this) kills the tasks.
        for (const service of [s.producer, s.consumer])
          await scaleService(harness.lab.aws, service, 0).catch(() => undefined);
      });
      await steps.seedLedgerServices(harness.lab.aws, services);
      return new CutoverRig(harness, options, connect, aws, reconciler, teardown);
    });
  }

  /** The bot's environment: its profile and runbook, Connect and AWS through the counting proxies. */
  botEnv(): Record<string, string> {
    return this.harness.env({
      MM2_PROFILE: this.profileFile,
      CONNECT_URL: this.connect.url,
      AWS_ENDPOINT_URL: this.aws.url,
      MM2_CUTOVER_STALE_SECONDS: '5',
    });
  }

  ledger(): LedgerCount {
    return countLedger(this.ledgerDir);
  }

  /** ECS calls that changed something (register, update), with the service or family they named. */
  ecsMutations(): Array<{ op: string; body: string }> {
    return this.aws.calls
      .filter((c) => /RegisterTaskDefinition|UpdateService|CreateService|DeleteService/.test(c.target ?? ''))
      .map((c) => ({ op: c.target!.split('.').pop()!, body: c.body }));
  }

  /** Connect calls that changed a connector after `since` (the deploy before it is not counted). */
  connectMutations(since = 0): CountedCall[] {
    return this.connect.calls.filter((c) => c.at >= since && c.method !== 'GET');
  }

  /** What the application's team would do by hand (not through the bot, not counted): scale a service. */
  async scale(service: string, desiredCount: number): Promise<void> {
    await scaleService(this.harness.lab.aws, service, desiredCount);
  }

  /** Waits until the reconciler runs `count` tasks of `service`. */
  async tasks(service: string, count: number): Promise<void> {
    await eventually(
      `${count} task(s) of ${service}`,
      async () => (this.reconciler.runningTasks(service).length === count ? true : undefined),
      30000,
      200,
    );
  }

  /** Waits until every acknowledged record was read at least once (after the producers stopped). */
  async ledgerSettled(timeoutMs = 90000): Promise<LedgerCount> {
    let last = this.ledger();
    try {
      return await eventually(
        'every produced record consumed',
        async () => {
          last = this.ledger();
          return last.produced > 0 && last.lost === 0 ? last : undefined;
        },
        timeoutMs,
        1000,
      );
    } catch (error) {
      throw new Error(`${(error as Error).message}; ledger: ${JSON.stringify(last)}`);
    }
  }

  /** Services scaled to 0, their tasks and the reconciler stopped, the proxies closed. */
  stop(): Promise<void> {
    return this.teardown.run();
  }
}
