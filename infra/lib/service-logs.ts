import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { removalPolicyOf } from './removal';

export interface ServiceLogsProps {
  readonly retention: logs.RetentionDays;
  readonly removal: 'retain' | 'destroy';
}

/** One log group per service, with retention; containers log to it with their own stream prefix. */
export class ServiceLogs extends Construct {
  readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: ServiceLogsProps) {
    super(scope, id);
    this.logGroup = new logs.LogGroup(this, 'LogGroup', {
      retention: props.retention,
      removalPolicy: removalPolicyOf(props.removal),
    });
  }

  driver(streamPrefix: string): ecs.LogDriver {
    return ecs.LogDrivers.awsLogs({ logGroup: this.logGroup, streamPrefix });
  }
}
