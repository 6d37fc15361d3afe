import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { VpcSpec } from '../config/types';
import { removalPolicyOf } from './removal';

export interface NetworkProps {
  readonly spec: VpcSpec;
  readonly logRetention: logs.RetentionDays;
  readonly removal: 'retain' | 'destroy';
}

/** The VPC: created with flow logs, or imported by id and subnet ids (no lookup, so synth is offline). */
export class Network extends Construct {
  readonly vpc: ec2.IVpc;
  readonly privateSubnets: ec2.SubnetSelection;

  constructor(scope: Construct, id: string, props: NetworkProps) {
    super(scope, id);
    const { spec } = props;
    if (spec.kind === 'import') {
      if (spec.privateSubnetIds.length !== spec.availabilityZones.length)
        throw new Error('vpc.privateSubnetIds needs one subnet per entry of vpc.availabilityZones.');
      this.vpc = ec2.Vpc.fromVpcAttributes(this, 'Vpc', {
        vpcId: spec.vpcId,
        vpcCidrBlock: spec.vpcCidrBlock,
        availabilityZones: [...spec.availabilityZones],
        privateSubnetIds: [...spec.privateSubnetIds],
        privateSubnetRouteTableIds: [...spec.privateSubnetRouteTableIds],
      });
    } else {
      const flowLogs = new logs.LogGroup(this, 'FlowLogs', {
        retention: props.logRetention,
        removalPolicy: removalPolicyOf(props.removal),
      });
      this.vpc = new ec2.Vpc(this, 'Vpc', {
        ipAddresses: ec2.IpAddresses.cidr(spec.cidr),
        maxAzs: spec.maxAzs,
        natGateways: spec.natGateways,
        subnetConfiguration: [
          { name: 'public', subnetType: ec2.SubnetType.PUBLIC, cidrMask: 24 },
          { name: 'private', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS, cidrMask: 22 },
        ],
        flowLogs: {
          all: {
            destination: ec2.FlowLogDestination.toCloudWatchLogs(flowLogs),
            trafficType: ec2.FlowLogTrafficType.ALL,
          },
        },
      });
    }
    this.privateSubnets = { subnets: this.vpc.privateSubnets };
  }
}
