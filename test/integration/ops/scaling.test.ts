// Issue 5: `/mm2 scaling` shows what moto was seeded with, and follows an UpdateService.
import { DescribeServicesCommand, ECSClient, UpdateServiceCommand } from '@aws-sdk/client-ecs';
import { awsClientConfig, LAB_AWS } from '../../lab/components/aws-seed';
import { OpsHarness, textOf } from './ops-harness';

let h: OpsHarness;
let ecs: ECSClient;
const observed: Record<string, unknown> = {};

const desiredIn = (text: string) => Number(/desired \*(\d+)\*/.exec(text)?.[1]);

beforeAll(async () => {
  h = await OpsHarness.start();
  ecs = new ECSClient(awsClientConfig(h.lab.aws));
  await h.startBot(h.env({}));
});

afterAll(async () => {
  await ecs
    ?.send(
      new UpdateServiceCommand({
        cluster: LAB_AWS.cluster,
        service: LAB_AWS.service,
        desiredCount: LAB_AWS.desiredCount,
      }),
    )
    .catch(() => undefined);
  ecs?.destroy();
  process.stdout.write(`ops scaling figures: ${JSON.stringify(observed)}\n`);
  await h?.stop();
});

test('the seeded counts, bounds and policy, then the desired count UpdateService set', async () => {
  const before = textOf(await h.command('scaling'));
  observed.desiredBefore = desiredIn(before);
  expect(desiredIn(before)).toBe(LAB_AWS.desiredCount);
  expect(before).toContain(`min *${LAB_AWS.minCapacity}* · max *${LAB_AWS.maxCapacity}*`);
  expect(before).toContain(`\`${LAB_AWS.cpuPolicy}\``);
  expect(before).toContain(`target *${LAB_AWS.cpuTarget}*`);
  // moto has no DescribeScalingActivities: the view says so instead of inventing activity.
  expect(before).toMatch(/Recent scaling activity\*\\n_not available_/);

  await ecs.send(
    new UpdateServiceCommand({ cluster: LAB_AWS.cluster, service: LAB_AWS.service, desiredCount: 3 }),
  );
  const described = await ecs.send(
    new DescribeServicesCommand({ cluster: LAB_AWS.cluster, services: [LAB_AWS.service] }),
  );
  expect(described.services?.[0]?.desiredCount).toBe(3);

  const after = textOf(await h.command('scaling'));
  observed.desiredAfter = desiredIn(after);
  expect(desiredIn(after)).toBe(3);
  expect(after).toContain(`min *${LAB_AWS.minCapacity}* · max *${LAB_AWS.maxCapacity}*`);
});
