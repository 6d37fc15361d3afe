import * as iam from 'aws-cdk-lib/aws-iam';
import { labConfig } from '../../../infra/config/lab';
import { prodConfig } from '../../../infra/config/prod';
import { NagAcknowledger } from '../../../infra/lib/nag/acknowledger';
import { buildPlatform, nagFindings, omitting, type Built } from './helpers/platform';

// Building and synthesizing the stack takes seconds on a shared 2-core machine.
jest.setTimeout(120_000);

// cdk-nag v3 checks the construct tree directly (validateScope); no synthesis needed here.
describe('cdk-nag AwsSolutions', () => {
  const built: Built[] = [];
  const build = (...args: Parameters<typeof buildPlatform>) => {
    const b = buildPlatform(...args);
    built.push(b);
    return b;
  };
  afterAll(() => built.forEach((b) => b.dispose()));

  it.each([
    ['lab', labConfig],
    ['prod', prodConfig],
  ])('has no unacknowledged finding in %s', (_name, config) => {
    expect(nagFindings(build(config).app)).toEqual([]);
  });

  it('gives every acknowledgement a reason a reviewer can act on', () => {
    const acks = build(labConfig).stack.nag.list();
    expect(acks.length).toBeGreaterThan(5);
    for (const ack of acks) expect(ack.reason.length).toBeGreaterThanOrEqual(40);
  });

  it('needs every acknowledgement: leaving them all out reports each one at its resource', () => {
    for (const config of [labConfig, prodConfig]) {
      const { app, stack } = build(
        config,
        omitting(() => true),
      );
      const findings = nagFindings(app);
      for (const ack of stack.nag.list()) {
        const reported = findings.some(
          (f) => f.startsWith(`${ack.id} @ ${ack.path}/`) || f === `${ack.id} @ ${ack.path}`,
        );
        if (!reported)
          throw new Error(
            `Stale acknowledgement in ${config.name}: ${ack.id} at ${ack.path} matches no finding.`,
          );
      }
    }
  });

  it('fails when one acknowledgement is deleted (the Grafana password rotation)', () => {
    const { app } = build(
      labConfig,
      omitting((id) => id === 'AwsSolutions-SMG4'),
    );
    expect(nagFindings(app)).toEqual(['AwsSolutions-SMG4 @ Mm2ChatopsLab/Grafana/AdminPassword/Resource']);
  });

  it('fails when the bot role gets ecs:* on *', () => {
    const { app, stack } = build(labConfig);
    stack.bot.taskRole.addToPrincipalPolicy(
      new iam.PolicyStatement({ actions: ['ecs:*'], resources: ['*'] }),
    );
    expect(nagFindings(app)).toContain(
      'AwsSolutions-IAM5[Action::ecs:*] @ Mm2ChatopsLab/Bot/Bot/Task/TaskRole/DefaultPolicy/Resource',
    );
  });

  it('refuses an acknowledgement without a reason', () => {
    const { stack } = build(labConfig);
    expect(() => new NagAcknowledger().acknowledge(stack, { id: 'AwsSolutions-S1', reason: ' ' })).toThrow(
      /needs a reason/,
    );
  });
});
