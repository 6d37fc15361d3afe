import { Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/** One cdk-nag finding accepted on purpose, with the reason a reviewer reads. */
export interface Acknowledgement {
  readonly id: string;
  readonly reason: string;
}

export interface RecordedAcknowledgement extends Acknowledgement {
  readonly path: string;
}

/**
 * Every acknowledgement of the stack goes through here, next to the resource it is about, so they
 * can be listed (and, in tests, left out one by one to prove each is still needed).
 */
export class NagAcknowledger {
  private readonly recorded: RecordedAcknowledgement[] = [];

  constructor(private readonly omit: (id: string, path: string) => boolean = () => false) {}

  acknowledge(scope: IConstruct, ...acks: Acknowledgement[]): void {
    for (const ack of acks) {
      if (!ack.reason.trim())
        throw new Error(`Acknowledgement ${ack.id} at ${scope.node.path} needs a reason.`);
      this.recorded.push({ ...ack, path: scope.node.path });
      if (!this.omit(ack.id, scope.node.path)) Validations.of(scope).acknowledge(ack);
    }
  }

  list(): readonly RecordedAcknowledgement[] {
    return [...this.recorded];
  }
}
