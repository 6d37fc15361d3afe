import type { Clock } from '../../domain/clock';
import type { Redactor as DomainRedactor } from '../../domain/redactor';
import type { ConnectClient } from '../../ports/connect';
import type { ProfileSource } from '../../ports/profile-source';

/** The shared redactor (`createRedactor()` from bot/domain/redactor.ts), as these use cases need it. */
export type Redactor = Pick<DomainRedactor, 'text' | 'value'>;

export interface ConnectorDeps {
  connect: ConnectClient;
  profile: ProfileSource;
  redactor: Redactor;
  clock: Clock;
  sleep?: (ms: number) => Promise<void>;
  /** How often to poll Connect while waiting for a state (default 1000 ms). */
  pollMs?: number;
}

export const sleepOf = (deps: ConnectorDeps): ((ms: number) => Promise<void>) =>
  deps.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
