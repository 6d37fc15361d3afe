import { configFor, ENVIRONMENTS } from '../../../infra/config';
import { labConfig } from '../../../infra/config/lab';
import { prodConfig } from '../../../infra/config/prod';
import { buildPlatform, variant } from './helpers/platform';

jest.setTimeout(60_000);

describe('per-environment config', () => {
  it('names the known environments when given an unknown one', () => {
    expect(() => configFor('staging')).toThrow('Unknown environment "staging": use one of lab, prod');
    expect(configFor('prod')).toBe(prodConfig);
  });

  it('gives each environment its own stack name, ECR prefix and Slack secret', () => {
    const configs = Object.values(ENVIRONMENTS);
    for (const key of ['stackName', 'name'] as const)
      expect(new Set(configs.map((c) => c[key])).size).toBe(configs.length);
    expect(new Set(configs.map((c) => c.bot.slackTokensSecretName)).size).toBe(configs.length);
  });

  it('sizes Connect so the heap fits the task memory with room for the JVM', () => {
    for (const config of Object.values(ENVIRONMENTS)) {
      const heapMiB =
        Number.parseInt(config.connect.heap, 10) * (config.connect.heap.endsWith('g') ? 1024 : 1);
      expect(heapMiB).toBeLessThanOrEqual(config.connect.memoryMiB * 0.8);
      expect(config.connect.minTasks).toBeLessThanOrEqual(config.connect.maxTasks);
      expect(config.connect.scaleInCooldownSeconds).toBeGreaterThanOrEqual(
        config.connect.scaleOutCooldownSeconds,
      );
    }
  });

  it('refuses an imported VPC whose subnets do not match its AZs', () => {
    const broken = variant(prodConfig, (c) =>
      c.vpc.kind === 'import'
        ? { ...c, vpc: { ...c.vpc, privateSubnetIds: c.vpc.privateSubnetIds.slice(0, 2) } }
        : c,
    );
    expect(() => buildPlatform(broken)).toThrow(
      'vpc.privateSubnetIds needs one subnet per entry of vpc.availabilityZones.',
    );
  });

  it('refuses a broker count that does not spread evenly over the private subnets', () => {
    const broken = variant(labConfig, (c) =>
      c.target.kind === 'msk' ? { ...c, target: { ...c.target, numberOfBrokerNodes: 3 } } : c,
    );
    expect(() => buildPlatform(broken)).toThrow(
      /numberOfBrokerNodes \(3\) must be a multiple of the 2 private subnets/,
    );
  });
});
