import type { ScalingInfo, ServiceScaling } from '../../../bot/ports/scaling';
import { createScalingReporter } from '../../../bot/usecases/scaling/scaling-reporter';
import { createScalingCommand } from '../../../bot/commands/scaling';
import { scalingView } from '../../../bot/views/scaling/scaling-view';

const base: ServiceScaling = {
  cluster: 'c',
  service: 's',
  status: 'ACTIVE',
  desired: 3,
  running: 2,
  pending: 1,
  deployments: [
    {
      id: 'd2',
      status: 'PRIMARY',
      rolloutState: 'IN_PROGRESS',
      desired: 3,
      running: 1,
      pending: 1,
      taskDefinition: 'arn:td/kc:8',
    },
    {
      id: 'd1',
      status: 'ACTIVE',
      rolloutState: 'COMPLETED',
      desired: 0,
      running: 1,
      pending: 0,
      taskDefinition: 'arn:td/kc:7',
    },
  ],
  taskDefinition: { arn: 'arn:td/kc:8', family: 'kc', revision: 8 },
  images: [{ container: 'connect', image: 'example/kc:1', note: 'not an ECR image' }],
  autoscaling: { available: true, value: undefined },
  policies: {
    available: false,
    reason: 'DescribeScalingPolicies is not available on this endpoint (HTTP 500)',
  },
  activities: {
    available: true,
    value: [
      {
        status: 'Successful',
        description: 'Setting desired count to 3.',
        startedAt: new Date('2026-11-25T20:00:00Z'),
      },
    ],
  },
};

const fake = (s: ServiceScaling): ScalingInfo => ({ describe: async () => s });

describe('scaling report', () => {
  it('marks a rollout in progress while two deployments exist', async () => {
    expect((await createScalingReporter({ scaling: fake(base) }).report()).rolloutInProgress).toBe(true);
    const settled = { ...base, deployments: [{ ...base.deployments[0]!, rolloutState: 'COMPLETED' }] };
    expect((await createScalingReporter({ scaling: fake(settled) }).report()).rolloutInProgress).toBe(false);
  });

  it('renders what the APIs said, and "not available" where they could not', () => {
    const text = JSON.stringify(scalingView(base));
    expect(text).toContain('`PRIMARY` IN_PROGRESS: 1/3 running, 1 pending');
    expect(text).toContain('kc:8');
    expect(text).toContain('not an ECR image');
    expect(text).toContain('_no scalable target registered_');
    expect(text).toContain(
      '_not available_ (DescribeScalingPolicies is not available on this endpoint (HTTP 500))',
    );
    expect(text).toContain('2026-11-25T20:00:00Z `Successful` Setting desired count to 3.');
  });

  it('the command takes no arguments and returns the view', async () => {
    const command = createScalingCommand({ scaling: createScalingReporter({ scaling: fake(base) }) });
    expect(command.parse(['x'])).toEqual({ ok: false, error: '`/mm2 scaling` takes no arguments.' });
    const progress: string[] = [];
    const view = await command.run(
      {
        user: 'U1',
        channel: 'C1',
        correlationId: 'x',
        reply: {
          progress: async (t) => void progress.push(t),
          done: async () => undefined,
          attach: async () => undefined,
        },
      },
      {},
    );
    expect(view.text).toBe('Connect service s: 2/3 running, 1 pending');
    expect(progress).toHaveLength(1);
  });
});
