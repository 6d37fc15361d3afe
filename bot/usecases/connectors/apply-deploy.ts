import { AppError, isAppError } from '../../domain/errors';
import type { Goal } from './connector-states';
import type { ConnectorDeps } from './deps';
import type { DeployPlan, PlannedConnector } from './plan-deploy';
import { waitForGoals, type WaitOutcome } from './wait-for-goal';

export interface DeployResult {
  plan: DeployPlan;
  applied: Array<{ name: string; created: boolean }>;
  outcomes: WaitOutcome[];
}

/**
 * Applies a valid plan connector by connector, then follows until each applied connector is back in its
 * state (RUNNING for new or running ones). A failure stops at once and says what was and was not applied.
 * `checkpoint` (an approved run's) is asked before each write and may stop the deploy the same way.
 * Progress is best-effort: a progress line that cannot be shown never stops an apply half-way.
 */
export async function applyDeploy(
  deps: ConnectorDeps,
  plan: DeployPlan,
  showProgress: (text: string) => Promise<void>,
  checkpoint: () => Promise<void> = async () => undefined,
): Promise<DeployResult> {
  const progress = (text: string) => showProgress(text).catch(() => undefined);
  if (!plan.valid) {
    throw new AppError(
      'CONNECT_REJECTED',
      'Connect rejected the rendered config: nothing was applied',
      'See the errors by field.',
    );
  }
  const applied: DeployResult['applied'] = [];
  for (const item of plan.changes) {
    await progress(`Applying ${item.name} (${applied.length + 1}/${plan.changes.length})…`);
    try {
      await checkpoint();
      applied.push({ name: item.name, ...(await deps.connect.putConfig(item.name, item.config)) });
    } catch (error) {
      throw partialFailure(plan, applied, item, error);
    }
  }
  if (applied.length === 0) return { plan, applied, outcomes: [] };
  const targets = plan.changes.map((item) => ({ name: item.name, goal: goalAfter(item), zeroTasksOk: true }));
  try {
    const outcomes = await waitForGoals(
      deps,
      targets,
      plan.profile.deploy.followTimeoutSeconds * 1000,
      (line) => progress(`Applied ${applied.map((a) => a.name).join(', ')}. Waiting for tasks: ${line}`),
    );
    return { plan, applied, outcomes };
  } catch (error) {
    throw followFailure(applied, error);
  }
}

/** Everything was applied, but Connect stopped answering while we watched the tasks start. */
function followFailure(applied: DeployResult['applied'], error: unknown): AppError {
  const cause = error instanceof Error ? error.message : String(error);
  return new AppError(
    isAppError(error) ? error.code : 'INTERNAL',
    `Applied: ${applied.map((a) => a.name).join(', ')}. Following their state then failed: ${cause}.`,
    'Check /mm2 status once Connect answers; /mm2 deploy again shows "no change" if everything is in place.',
    { cause: error },
  );
}

/** A paused or stopped connector keeps that state through a config change: wait for it, not for RUNNING. */
function goalAfter(item: PlannedConnector): Goal {
  const state = item.before?.connector.state;
  if (state === 'PAUSED') return 'paused';
  if (state === 'STOPPED') return 'stopped';
  return 'running';
}

function partialFailure(
  plan: DeployPlan,
  applied: DeployResult['applied'],
  failed: PlannedConnector,
  error: unknown,
): AppError {
  const rest = plan.changes.slice(plan.changes.indexOf(failed) + 1).map((c) => c.name);
  const cause = error instanceof Error ? error.message : String(error);
  // A write whose answer was lost may have landed: it is neither applied nor not applied.
  const unknown = isAppError(error) && error.outcomeUnknown;
  const parts = [
    `Deploy stopped at ${failed.name}: ${cause}.`,
    `Applied: ${applied.map((a) => a.name).join(', ') || 'none'}.`,
    ...(unknown ? [`Outcome unknown (its answer was lost): ${failed.name}.`] : []),
    `Not applied: ${(unknown ? rest : [failed.name, ...rest]).join(', ') || 'none'}.`,
  ];
  return new AppError(
    isAppError(error) ? error.code : 'INTERNAL',
    parts.join(' '),
    'Run /mm2 deploy again once Connect answers: applied connectors show "no change", the rest are applied.',
    { cause: error },
  );
}
