import type { ConnectorDeps } from '../usecases/connectors/deps';
import type { CommandSpec } from './command';
import { createLifecycleCommand, type LifecycleArgs } from './lifecycle';

/** `/mm2 stop <connector|all>`: self-confirmed, then waits for and reports the state. */
export const createStopCommand = (deps: ConnectorDeps): CommandSpec<LifecycleArgs> =>
  createLifecycleCommand('stop', deps);
