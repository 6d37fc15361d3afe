import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as servicediscovery from 'aws-cdk-lib/aws-servicediscovery';
import { Construct } from 'constructs';

export interface EcsPlatformProps {
  readonly vpc: ec2.IVpc;
  readonly clusterName: string;
  /** Private DNS namespace, e.g. mm2.internal: services answer at <service>.<namespace>. */
  readonly namespace: string;
}

/** The ECS cluster (Container Insights on) and the private Cloud Map namespace of its services. */
export class EcsPlatform extends Construct {
  readonly cluster: ecs.Cluster;
  readonly namespace: servicediscovery.PrivateDnsNamespace;

  constructor(scope: Construct, id: string, props: EcsPlatformProps) {
    super(scope, id);
    this.cluster = new ecs.Cluster(this, 'Cluster', {
      vpc: props.vpc,
      clusterName: props.clusterName,
      containerInsightsV2: ecs.ContainerInsights.ENABLED,
    });
    (this.cluster.node.defaultChild as ecs.CfnCluster).overrideLogicalId('EcsCluster');
    this.namespace = new servicediscovery.PrivateDnsNamespace(this, 'Namespace', {
      name: props.namespace,
      vpc: props.vpc,
      description: 'MM2 chat-ops services',
    });
  }

  /** The private DNS name of a service registered in the namespace. */
  dnsName(service: string): string {
    return `${service}.${this.namespace.namespaceName}`;
  }
}
