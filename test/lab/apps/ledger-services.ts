import { CreateServiceCommand, ECSClient, RegisterTaskDefinitionCommand } from '@aws-sdk/client-ecs';
import { awsClientConfig, LAB_AWS } from '../components/aws-seed';
import type { WatchedService } from './ecs-reconciler';

export interface LedgerServicesSpec {
  /** Service names; their task definition families are the same names. */
  producer: string;
  consumer: string;
  topic: string;
  group: string;
  /** Where the apps start: the source cluster's bootstrap servers. */
  bootstrap: string;
  cluster?: string;
  desiredCount?: { producer: number; consumer: number };
  /** Records per second the producer writes. */
  rate?: number;
}

/** The container every ledger service runs, and the variable a cutover switches. */
export const LEDGER_CONTAINER = 'app';
export const LEDGER_APP = ['--import', 'tsx', 'test/lab/apps/ledger-app.ts'];

/**
 * Creates the migrating applications' ECS services in moto (as their teams' infrastructure would):
 * a producer and a consumer group on the source. Tasks are made real by the EcsReconciler.
 */
export async function seedLedgerServices(endpoint: string, spec: LedgerServicesSpec): Promise<void> {
  const ecs = new ECSClient(awsClientConfig(endpoint));
  const cluster = spec.cluster ?? LAB_AWS.cluster;
  const count = spec.desiredCount ?? { producer: 1, consumer: 1 };
  for (const role of ['producer', 'consumer'] as const) {
    const name = spec[role];
    const environment = [
      { name: 'KAFKA_BOOTSTRAP_SERVERS', value: spec.bootstrap },
      { name: 'LEDGER_ROLE', value: role },
      { name: 'LEDGER_TOPIC', value: spec.topic },
      ...(role === 'consumer'
        ? [{ name: 'LEDGER_GROUP', value: spec.group }]
        : [
            { name: 'LEDGER_WRITER', value: name },
            { name: 'LEDGER_RATE', value: String(spec.rate ?? 20) },
          ]),
    ];
    const def = await ecs.send(
      new RegisterTaskDefinitionCommand({
        family: name,
        requiresCompatibilities: ['FARGATE'],
        networkMode: 'awsvpc',
        cpu: '256',
        memory: '512',
        containerDefinitions: [
          { name: LEDGER_CONTAINER, image: 'ledger-app:lab', essential: true, environment },
        ],
      }),
    );
    await ecs.send(
      new CreateServiceCommand({
        cluster,
        serviceName: name,
        taskDefinition: def.taskDefinition?.taskDefinitionArn,
        desiredCount: count[role],
        launchType: 'FARGATE',
      }),
    );
  }
}

/** What the reconciler watches for these services; the ledger files go to `ledgerDir`. */
export function ledgerWatch(spec: LedgerServicesSpec, ledgerDir: string): WatchedService[] {
  const cluster = spec.cluster ?? LAB_AWS.cluster;
  return [spec.producer, spec.consumer].map((service) => ({
    cluster,
    service,
    container: LEDGER_CONTAINER,
    nodeArgs: LEDGER_APP,
    env: { LEDGER_DIR: ledgerDir },
  }));
}
