import * as ecr from 'aws-cdk-lib/aws-ecr';
import { Construct } from 'constructs';
import { removalPolicyOf } from './removal';

/** The images this platform runs; each has a Dockerfile under docker/<name>/. */
export const IMAGES = ['kafka-connect', 'prometheus', 'grafana', 'bot'] as const;
export type ImageName = (typeof IMAGES)[number];

/** Pinned logical IDs: renaming a construct must never replace a repository full of images. */
const LOGICAL_IDS: Record<ImageName, string> = {
  'kafka-connect': 'KafkaConnectRepository',
  prometheus: 'PrometheusRepository',
  grafana: 'GrafanaRepository',
  bot: 'BotRepository',
};

export interface RepositoriesProps {
  /** Repository names are <prefix>/<image>, e.g. mm2-lab/kafka-connect. */
  readonly prefix: string;
  readonly removal: 'retain' | 'destroy';
}

/** One ECR repository per image: immutable tags, scan on push, old untagged images expire. */
export class Repositories extends Construct {
  private readonly repos = new Map<ImageName, ecr.Repository>();

  constructor(scope: Construct, id: string, props: RepositoriesProps) {
    super(scope, id);
    for (const image of IMAGES) {
      const repo = new ecr.Repository(this, LOGICAL_IDS[image], {
        repositoryName: `${props.prefix}/${image}`,
        imageTagMutability: ecr.TagMutability.IMMUTABLE,
        imageScanOnPush: true,
        encryption: ecr.RepositoryEncryption.AES_256,
        lifecycleRules: [{ tagStatus: ecr.TagStatus.UNTAGGED, maxImageAge: undefined, maxImageCount: 5 }],
        removalPolicy: removalPolicyOf(props.removal),
        emptyOnDelete: props.removal === 'destroy',
      });
      (repo.node.defaultChild as ecr.CfnRepository).overrideLogicalId(LOGICAL_IDS[image]);
      this.repos.set(image, repo);
    }
  }

  of(image: ImageName): ecr.Repository {
    const repo = this.repos.get(image);
    if (!repo) throw new Error(`No repository for image ${image}.`);
    return repo;
  }
}
