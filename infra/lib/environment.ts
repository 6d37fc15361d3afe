import type { App } from 'aws-cdk-lib';
import type { PlatformConfig } from '../config/types';
import { ImagesStack } from './images-stack';
import type { NagAcknowledger } from './nag/acknowledger';
import { PlatformStack } from './platform-stack';

export interface EnvironmentStacks {
  readonly images: ImagesStack;
  readonly platform: PlatformStack;
}

export interface EnvironmentOptions {
  /** The repository's connectors/ folder. */
  readonly connectorsDir: string;
  readonly nag?: NagAcknowledger;
}

/** The two stacks of one environment: <stackName>Images (ECR) first, then <stackName> (the platform). */
export function addEnvironment(
  app: App,
  config: PlatformConfig,
  options: EnvironmentOptions,
): EnvironmentStacks {
  const env = { account: config.account, region: config.region };
  const images = new ImagesStack(app, `${config.stackName}Images`, {
    config,
    env,
    description: `MM2 migration platform (${config.name}): ECR repositories`,
  });
  const platform = new PlatformStack(app, config.stackName, {
    config,
    repositories: images.repositories,
    connectorsDir: options.connectorsDir,
    nag: options.nag,
    env,
    description: `MM2 migration platform (${config.name}): MSK, Kafka Connect, Prometheus, Grafana, Slack bot`,
  });
  platform.addStackDependency(images);
  return { images, platform };
}
