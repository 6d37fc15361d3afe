import type { ConnectorDeps } from '../usecases/connectors/deps';
import type { CommandSpec } from './command';
import { createConfigCommand } from './config';
import { createDeployCommand } from './deploy';
import { createOffsetsCommand } from './offsets';
import { createPauseCommand } from './pause';
import { createRestartCommand } from './restart';
import { createResumeCommand } from './resume';
import { createStatusCommand } from './status';
import { createStopCommand } from './stop';

/** Every connector command, for the dispatcher: status, deploy, pause, resume, stop, restart, config, offsets. */
export function createConnectorCommands(deps: ConnectorDeps): CommandSpec<unknown>[] {
  return [
    createStatusCommand(deps),
    createDeployCommand(deps),
    createPauseCommand(deps),
    createResumeCommand(deps),
    createStopCommand(deps),
    createRestartCommand(deps),
    createConfigCommand(deps),
    createOffsetsCommand(deps),
  ];
}
