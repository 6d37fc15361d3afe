// `npm run lab:apps`: the lab's migrating applications for a rehearsal in the console chat (`npm start`).
// Creates the `ledger` topic, seeds the default runbook's ECS services in moto (ledger-producer and
// ledger-consumer in cluster mm2-lab), makes them real processes with the reconciler, and writes a
// copy of the lab profile whose topics include `ledger`. Prints the ledger every 10 s and on Ctrl-C.
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DescribeServicesCommand, ECSClient } from '@aws-sdk/client-ecs';
import { withAdmin } from '../clients';
import { awsClientConfig, LAB_AWS } from '../components/aws-seed';
import { labConfig } from '../config';
import { endpointsFor } from '../endpoints';
import { EcsReconciler } from './ecs-reconciler';
import { countLedger } from './ledger';
import { ledgerWatch, seedLedgerServices, type LedgerServicesSpec } from './ledger-services';

async function main(): Promise<void> {
  const config = labConfig();
  const lab = endpointsFor(config);
  const spec: LedgerServicesSpec = {
    producer: 'ledger-producer',
    consumer: 'ledger-consumer',
    topic: 'ledger',
    group: 'ledger-app',
    bootstrap: lab.source,
  };
  await withAdmin(lab.source, async (admin) => {
    if (!(await admin.listTopics()).includes(spec.topic))
      await admin.createTopics({ topics: [{ topic: spec.topic, numPartitions: 3 }], waitForLeaders: true });
  });
  const existing = await new ECSClient(awsClientConfig(lab.aws)).send(
    new DescribeServicesCommand({ cluster: LAB_AWS.cluster, services: [spec.producer] }),
  );
  if (!existing.services?.some((s) => s.status === 'ACTIVE')) await seedLedgerServices(lab.aws, spec);

  const dir = join(config.runDir, 'rehearsal');
  mkdirSync(join(dir, 'profiles'), { recursive: true });
  const runbooks = join(dir, 'runbooks');
  if (!existsSync(runbooks)) symlinkSync(join(config.root, 'connectors', 'runbooks'), runbooks);
  const profile = readFileSync(join(config.root, 'connectors', 'profiles', 'lab.yml'), 'utf8')
    .replace('include: [orders, clicks, payments]', 'include: [orders, clicks, payments, ledger]')
    .replace(/bootstrapServers: 127\.0\.0\.1:19092/, `bootstrapServers: ${lab.source}`)
    .replace(/bootstrapServers: 127\.0\.0\.1:29092/, `bootstrapServers: ${lab.target}`);
  const profileFile = join(dir, 'profiles', 'lab.yml');
  writeFileSync(profileFile, profile);

  const ledgerDir = join(config.runDir, 'apps', 'rehearsal');
  const reconciler = new EcsReconciler(lab.aws, ledgerWatch(spec, ledgerDir), join(ledgerDir, 'logs'));
  reconciler.start();
  console.log(`Ledger apps reconciled from moto (cluster ${LAB_AWS.cluster}); ledger in ${ledgerDir}.`);
  console.log(
    `Rehearse with: MM2_PROFILE=${profileFile} npm start, then /mm2 deploy all and /mm2 cutover plan`,
  );
  const report = () => console.log(`ledger: ${JSON.stringify(countLedger(ledgerDir))}`);
  const timer = setInterval(report, 10_000);
  const stop = () => {
    clearInterval(timer);
    void reconciler.stop().then(() => {
      report();
      process.exit(0);
    });
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: Error) => {
  console.error(`lab apps failed: ${error.message}`);
  process.exit(1);
});
