import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import type { PlatformConfig } from '../config/types';
import { IMAGES, Repositories } from './repositories';

export interface ImagesStackProps extends StackProps {
  readonly config: PlatformConfig;
}

/**
 * The ECR repositories, in their own stack so they exist before the services that pull from them:
 * deploy this stack, push the images, then deploy the platform (a service without its image would
 * trip the deployment circuit breaker and roll the whole platform back).
 */
export class ImagesStack extends Stack {
  readonly repositories: Repositories;

  constructor(scope: Construct, id: string, props: ImagesStackProps) {
    super(scope, id, props);
    const { config } = props;
    this.repositories = new Repositories(this, 'Images', {
      prefix: `mm2-${config.name}`,
      removal: config.removal,
    });
    for (const image of IMAGES) {
      const outputId = image.replace(/(^|-)([a-z])/g, (_m, _d, c: string) => c.toUpperCase());
      new CfnOutput(this, `${outputId}RepositoryUri`, {
        value: this.repositories.of(image).repositoryUri,
        description: `ECR repository of the ${image} image (build from docker/${image}/Dockerfile)`,
      });
    }
  }
}
