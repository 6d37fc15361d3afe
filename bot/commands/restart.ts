import type { ConnectorDeps } from '../usecases/connectors/deps';
import type { CommandSpec } from './command';
import { createLifecycleCommand, type LifecycleArgs } from './lifecycle';

/** `/mm2 restart <connector|all> [--failed-only]`: self-confirmed, then waits for and reports the state. */
export const createRestartCommand = (deps: ConnectorDeps): CommandSpec<LifecycleArgs> =>
  createLifecycleCommand('restart', deps);
