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

export interface RigOptions {
  name: string;
  /** How the producer moves: by ECS steps, or by its team (manual steps confirmed in Slack). */
  producerRun: 'ecs' | 'manual';
}

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
settings: { lagHoldSeconds: 2, fenceSeconds: 4, rollbackWindowSeconds: 5, consumingSeconds: 60 }
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

const servicesFor = (harness: OpsHarness, name: string): LedgerServicesSpec => ({
  producer: `${name}-producer`,
  consumer: `${name}-consumer`,
  topic: `${name}.ledger`,
  group: `${name}-ledger`,
  bootstrap: harness.lab.source,
});
const ledgerDirFor = (name: string) => join(labConfig().runDir, 'apps', name);

export class CutoverRig {
  readonly services: LedgerServicesSpec;
  readonly ledgerDir: string;
  readonly profileFile: string;
  private constructor(
    readonly harness: OpsHarness,
    readonly options: RigOptions,
    readonly connect: CountingProxy,
    readonly aws: CountingProxy,
    readonly reconciler: EcsReconciler,
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

  /** Topic, services, running applications (on the source), proxies. Nothing of the bot yet. */
  static async start(harness: OpsHarness, options: RigOptions): Promise<CutoverRig> {
    const connect = await startCountingProxy(harness.lab.connect);
    const aws = await startCountingProxy(harness.lab.aws);
    const name = options.name;
    const services = servicesFor(harness, name);
    await createTopics(harness.lab.source, [{ topic: services.topic, numPartitions: 3 }]);
    harness.trackTopics([services.topic]);
    harness.track(connectorNames(name));
    await seedLedgerServices(harness.lab.aws, services);
    const ledgerDir = ledgerDirFor(name);
    const reconciler = new EcsReconciler(harness.lab.aws, ledgerWatch(services, ledgerDir), ledgerDir);
    reconciler.start();
    return new CutoverRig(harness, options, connect, aws, reconciler);
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
    await new ECSClient(awsClientConfig(this.harness.lab.aws)).send(
      new UpdateServiceCommand({ cluster: LAB_AWS.cluster, service, desiredCount }),
    );
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

  async stop(): Promise<void> {
    await this.reconciler.stop();
    await this.scale(this.services.producer, 0).catch(() => undefined);
    await this.scale(this.services.consumer, 0).catch(() => undefined);
    await this.connect.stop();
    await this.aws.stop();
  }
}
