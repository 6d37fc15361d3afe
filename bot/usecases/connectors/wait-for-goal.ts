import type { ConnectorStatus } from '../../ports/connect';
import { hasFailure, oneLine, reached, type Goal } from './connector-states';
import { sleepOf, type ConnectorDeps } from './deps';

export interface WaitTarget {
  name: string;
  goal: Goal;
  /** A connector whose filters match nothing runs with no tasks: accept that once it holds for a while. */
  zeroTasksOk?: boolean;
}

export interface WaitOutcome {
  name: string;
  goal: Goal;
  reached: boolean;
  status?: ConnectorStatus;
  note?: string;
}

const STABLE_POLLS = 2;
const ZERO_TASK_POLLS = 5;
const FAILED_POLLS = 3;

/** Counts consecutive polls for which a condition held, per connector. */
class Streaks {
  private readonly counts = new Map<string, number>();
  bump(name: string, held: boolean): number {
    const n = held ? (this.counts.get(name) ?? 0) + 1 : 0;
    this.counts.set(name, n);
    return n;
  }
}

/**
 * Polls Connect until each connector reaches its goal on consecutive polls (a status read right after a
 * change can still show the old state), keeps failing, or the timeout passes.
 */
export async function waitForGoals(
  deps: ConnectorDeps,
  targets: WaitTarget[],
  timeoutMs: number,
  onProgress?: (line: string) => Promise<void>,
): Promise<WaitOutcome[]> {
  const sleep = sleepOf(deps);
  const pollMs = deps.pollMs ?? 1000;
  const deadline = deps.clock.now() + timeoutMs;
  const [ok, zero, failing] = [new Streaks(), new Streaks(), new Streaks()];
  const done = new Map<string, WaitOutcome>();
  const latest = new Map<string, ConnectorStatus | undefined>();
  let lastLine = '';
  for (;;) {
    const pending = targets.filter((t) => !done.has(t.name));
    const statuses = await Promise.all(pending.map((t) => deps.connect.status(t.name)));
    pending.forEach((t, i) => {
      const status = statuses[i];
      latest.set(t.name, status);
      const good = reached(t.goal, status) && (t.goal !== 'running' || (status?.tasks.length ?? 0) > 0);
      const idle =
        t.goal === 'running' &&
        !!t.zeroTasksOk &&
        status?.connector.state === 'RUNNING' &&
        status.tasks.length === 0;
      const outcome = (reachedGoal: boolean, note?: string): WaitOutcome => ({
        name: t.name,
        goal: t.goal,
        reached: reachedGoal,
        status,
        note,
      });
      if (ok.bump(t.name, good) >= STABLE_POLLS) done.set(t.name, outcome(true));
      else if (zero.bump(t.name, idle) >= ZERO_TASK_POLLS)
        done.set(t.name, outcome(true, 'running with no tasks: nothing matches its filters yet'));
      else if (t.goal !== 'no-failed' && failing.bump(t.name, hasFailure(status)) >= FAILED_POLLS)
        done.set(t.name, outcome(false, 'failed'));
    });
    const finished = targets.every((t) => done.has(t.name));
    if (finished || deps.clock.now() >= deadline) break;
    const line = targets.map((t) => `${t.name}: ${oneLine(latest.get(t.name))}`).join(' · ');
    if (onProgress && line !== lastLine) await onProgress(line);
    lastLine = line;
    await sleep(pollMs);
  }
  const seconds = Math.round(timeoutMs / 1000);
  return targets.map(
    (t) =>
      done.get(t.name) ?? {
        name: t.name,
        goal: t.goal,
        reached: false,
        status: latest.get(t.name),
        note: `timed out after ${seconds} s`,
      },
  );
}
