import { ECSClient, UpdateServiceCommand } from '@aws-sdk/client-ecs';
import { createEcsScaling } from '../../../bot/adapters/aws/ecs-scaling';
import { parseEcrImage } from '../../../bot/adapters/aws/ecr-image';
import { createScalingReporter } from '../../../bot/usecases/scaling/scaling-reporter';
import { scalingView } from '../../../bot/views/scaling/scaling-view';
import { startMoto, type MotoServer } from '../../support/moto';
import { awsTestConfig, seedScaling } from './seed-scaling';
import { closedPort } from '../lag/http-stub';

jest.setTimeout(60_000);

describe('ECS scaling adapter against moto', () => {
  let moto: MotoServer;
  let image: string;
  beforeAll(async () => {
    moto = await startMoto();
    ({ image } = await seedScaling(moto.endpoint));
  });
  afterAll(async () => moto?.stop());

  const adapter = () => {
    const c = awsTestConfig(moto.endpoint);
    return createEcsScaling({ ...c, cluster: 'mm2-lab', service: 'kafka-connect' });
  };

  it('reports counts, task definition, image push time, bounds and policy; activities not available', async () => {
    const report = await createScalingReporter({ scaling: adapter() }).report();
    expect(report).toMatchObject({
      cluster: 'mm2-lab',
      service: 'kafka-connect',
      desired: 2,
      status: 'ACTIVE',
    });
    expect(report.taskDefinition).toMatchObject({ family: 'kafka-connect', revision: 1 });
    expect(report.images[0]).toMatchObject({ container: 'connect', image });
    expect(report.images[0]?.pushedAt).toBeInstanceOf(Date);
    expect(report.autoscaling).toEqual({
      available: true,
      value: { min: 1, max: 4, resourceId: 'service/mm2-lab/kafka-connect' },
    });
    expect(report.policies).toEqual({
      available: true,
      value: [
        {
          name: 'connect-cpu',
          type: 'TargetTrackingScaling',
          targetValue: 60,
          metric: 'ECSServiceAverageCPUUtilization',
        },
      ],
    });
    // moto does not implement DescribeScalingActivities: say so, never invent activity
    expect(report.activities).toEqual({
      available: false,
      reason: expect.stringMatching(/^DescribeScalingActivities is not available/),
    });
    const text = JSON.stringify(scalingView(report).blocks);
    expect(text).toContain('desired *2*');
    expect(text).toContain('min *1* · max *4*');
    expect(text).toContain('`connect-cpu` TargetTrackingScaling target *60*');
    expect(text).toContain('_not available_');
  });

  it('shows the new desired count after UpdateService', async () => {
    await new ECSClient(awsTestConfig(moto.endpoint)).send(
      new UpdateServiceCommand({ cluster: 'mm2-lab', service: 'kafka-connect', desiredCount: 3 }),
    );
    expect((await adapter().describe()).desired).toBe(3);
  });

  it('says NOT_FOUND for an unknown service and AWS_UNREACHABLE for a dead endpoint', async () => {
    const c = awsTestConfig(moto.endpoint);
    await expect(
      createEcsScaling({ ...c, cluster: 'mm2-lab', service: 'nope' }).describe(),
    ).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    const port = await closedPort();
    const dead = createEcsScaling({
      ...awsTestConfig(`http://127.0.0.1:${port}`),
      cluster: 'mm2-lab',
      service: 'kafka-connect',
    });
    await expect(dead.describe()).rejects.toMatchObject({
      code: 'AWS_UNREACHABLE',
      message: expect.stringContaining(`endpoint 127.0.0.1:${port}`),
    });
  });
});

describe('ECR image references', () => {
  it('parses tags and digests, and rejects other registries', () => {
    expect(parseEcrImage('123456789012.dkr.ecr.us-east-1.amazonaws.com/team/kafka-connect:lab')).toEqual({
      registryId: '123456789012',
      repository: 'team/kafka-connect',
      tag: 'lab',
    });
    expect(parseEcrImage('123456789012.dkr.ecr.eu-west-1.amazonaws.com/kc@sha256:abc')).toEqual({
      registryId: '123456789012',
      repository: 'kc',
      digest: 'sha256:abc',
    });
    expect(parseEcrImage('confluentinc/cp-kafka-connect:7.6.0')).toBeUndefined();
  });
});
