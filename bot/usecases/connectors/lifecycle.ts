import { AppError, isAppError } from '../../domain/errors';
import type { ConnectorStatus } from '../../ports/connect';
import type { Goal } from './connector-states';
import type { ConnectorDeps } from './deps';
import { selectConnectors } from './select-connectors';
import { waitForGoals, type WaitOutcome } from './wait-for-goal';

export type LifecycleAction = 'pause' | 'resume' | 'stop' | 'restart';

export interface LifecycleRequest {
  action: LifecycleAction;
  target: string;
  failedOnly?: boolean;
}

export interface LifecycleResult {
  request: LifecycleRequest;
  before: Array<{ name: string; status?: ConnectorStatus }>;
  outcomes: WaitOutcome[];
}

const GOALS: Record<LifecycleAction, Goal> = {
  pause: 'paused',
  resume: 'running',
  stop: 'stopped',
  restart: 'running',
};

export const goalOf = (request: LifecycleRequest): Goal =>
  request.action === 'restart' && request.failedOnly ? 'no-failed' : GOALS[request.action];

/** A restart keeps a paused connector paused: wait for that, not for RUNNING. */
const goalFor = (request: LifecycleRequest, before: ConnectorStatus | undefined): Goal =>
  request.action === 'restart' && !request.failedOnly && before?.connector.state === 'PAUSED'
    ? 'paused'
    : goalOf(request);

/** The names a request acts on, checked against the profile, with their current states. */
export async function lifecycleTargets(
  deps: ConnectorDeps,
  request: LifecycleRequest,
): Promise<LifecycleResult['before']> {
  const { profile } = await deps.profile.load();
  const names = selectConnectors(profile, request.target).map((s) => s.name);
  const statuses = await Promise.all(names.map((n) => deps.connect.status(n)));
  return names.map((name, i) => ({ name, status: statuses[i] }));
}

/** Pause, resume, stop or restart, then wait for and report the resulting states. */
export async function runLifecycle(
  deps: ConnectorDeps,
  request: LifecycleRequest,
  showProgress: (text: string) => Promise<void>,
  /** An approved run's guard, asked before each connector is acted on. */
  checkpoint: () => Promise<void> = async () => undefined,
): Promise<LifecycleResult> {
  // Best-effort: a progress line that cannot be shown never stops the action half-way.
  const progress = (text: string) => showProgress(text).catch(() => undefined);
  const before = await lifecycleTargets(deps, request);
  const { profile } = await deps.profile.load();
  const deployed = before.filter((b) => b.status !== undefined);
  const done: string[] = [];
  for (const { name } of deployed) {
    try {
      await checkpoint();
      await act(deps, request, name);
    } catch (error) {
      throw partialFailure(
        request,
        done,
        name,
        deployed.map((d) => d.name),
        error,
      );
    }
    done.push(name);
  }
  const goal = goalOf(request);
  const outcomes = await waitForGoals(
    deps,
    deployed.map(({ name, status }) => ({ name, goal: goalFor(request, status), zeroTasksOk: true })),
    profile.deploy.stateTimeoutSeconds * 1000,
    (line) => progress(`${request.action}: ${line}`),
  );
  const missing = before
    .filter((b) => b.status === undefined)
    .map((b): WaitOutcome => ({
      name: b.name,
      goal,
      reached: false,
      note: 'not deployed: run /mm2 deploy first',
    }));
  return { request, before, outcomes: [...outcomes, ...missing] };
}

async function act(deps: ConnectorDeps, request: LifecycleRequest, name: string): Promise<void> {
  switch (request.action) {
    case 'pause':
      return deps.connect.pause(name);
    case 'resume':
      return deps.connect.resume(name);
    case 'stop':
      return deps.connect.stop(name);
    case 'restart':
      return deps.connect.restart(name, { includeTasks: true, onlyFailed: !!request.failedOnly });
  }
}

function partialFailure(
  request: LifecycleRequest,
  done: string[],
  failed: string,
  all: string[],
  error: unknown,
): AppError {
  // An action whose answer was lost may have happened: it is neither done nor not done.
  const unknown = isAppError(error) && error.outcomeUnknown;
  const notDone = all.slice(all.indexOf(failed) + (unknown ? 1 : 0));
  const cause = error instanceof Error ? error.message : String(error);
  return new AppError(
    isAppError(error) ? error.code : 'INTERNAL',
    `${request.action} stopped at ${failed}: ${cause}. Done: ${done.join(', ') || 'none'}.${unknown ? ` Outcome unknown (its answer was lost): ${failed}.` : ''} Not done: ${notDone.join(', ') || 'none'}.`,
    `Run /mm2 ${request.action} again once Connect answers (it is safe to repeat).`,
    { cause: error },
  );
}
