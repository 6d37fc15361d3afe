// `/mm2 scaling` against the lab's moto: what the lab seeded, then a desired count changed by UpdateService.
import { ECSClient, UpdateServiceCommand } from '@aws-sdk/client-ecs';
import { createEcsScaling } from '../../../bot/adapters/aws/ecs-scaling';
import { createScalingReporter } from '../../../bot/usecases/scaling/scaling-reporter';
import { createScalingCommand } from '../../../bot/commands/scaling';
import { labEndpoints, type LabEndpoints } from '../../lab/endpoints';
import { LAB_AWS, awsClientConfig } from '../../lab/components/aws-seed';

let lab: LabEndpoints;
let original: number | undefined;

/** The scaling use case over the lab's seeded ECS service in moto. */
const labScaling = () =>
  createScalingReporter({
    scaling: createEcsScaling({
      region: LAB_AWS.region,
      endpoint: lab.aws,
      credentials: { accessKeyId: 'lab', secretAccessKey: 'lab' },
      cluster: LAB_AWS.cluster,
      service: LAB_AWS.service,
    }),
  });

const command = () => createScalingCommand({ scaling: labScaling() });

const runScaling = () =>
  command().run(
    {
      user: 'U',
      channel: 'C',
      correlationId: 'it',
      reply: { progress: async () => undefined, done: async () => undefined, attach: async () => undefined },
    },
    {},
  );

beforeAll(async () => {
  lab = await labEndpoints();
});

afterAll(async () => {
  if (original !== undefined) {
    await new ECSClient(awsClientConfig(lab.aws)).send(
      new UpdateServiceCommand({
        cluster: LAB_AWS.cluster,
        service: LAB_AWS.service,
        desiredCount: original,
      }),
    );
  }
});

test('shows the seeded counts, bounds, policy and image, and the new desired count after UpdateService', async () => {
  const scaling = labScaling();
  const before = await scaling.report();
  original = before.desired;
  expect(before.autoscaling).toEqual({
    available: true,
    value: { min: LAB_AWS.minCapacity, max: LAB_AWS.maxCapacity, resourceId: LAB_AWS.scalableResource },
  });
  expect(
    before.policies.available && before.policies.value.find((p) => p.name === LAB_AWS.cpuPolicy)?.targetValue,
  ).toBe(LAB_AWS.cpuTarget);
  expect(before.images[0]?.image).toMatch(new RegExp(`/${LAB_AWS.repository}:${LAB_AWS.imageTag}$`));
  expect(before.images[0]?.pushedAt).toBeInstanceOf(Date);
  expect(before.activities.available).toBe(false);

  const wanted = before.desired === 3 ? 4 : 3;
  await new ECSClient(awsClientConfig(lab.aws)).send(
    new UpdateServiceCommand({ cluster: LAB_AWS.cluster, service: LAB_AWS.service, desiredCount: wanted }),
  );
  const view = await runScaling();
  const text = JSON.stringify(view.blocks);
  expect(text).toContain(`desired *${wanted}*`);
  expect(text).toContain(`min *${LAB_AWS.minCapacity}* · max *${LAB_AWS.maxCapacity}*`);
  expect(text).toContain(`\`${LAB_AWS.cpuPolicy}\` TargetTrackingScaling target *${LAB_AWS.cpuTarget}*`);
  expect(text).toContain('Recent scaling activity*\\n_not available_');
});
