import type { ConnectorState, ConnectorStatus } from '../../ports/connect';

/** What a lifecycle command or a deploy waits for. */
export type Goal = 'running' | 'paused' | 'stopped' | 'no-failed';

/** True when the status shows the goal reached (tasks included). */
export function reached(goal: Goal, status: ConnectorStatus | undefined): boolean {
  if (!status) return false;
  const tasks = status.tasks.map((t) => t.state);
  switch (goal) {
    case 'running':
      return status.connector.state === 'RUNNING' && tasks.every((s) => s === 'RUNNING');
    case 'paused':
      return status.connector.state === 'PAUSED' && tasks.every((s) => s === 'PAUSED');
    case 'stopped':
      return status.connector.state === 'STOPPED' && tasks.length === 0;
    case 'no-failed':
      return status.connector.state !== 'FAILED' && tasks.every((s) => s !== 'FAILED' && s !== 'RESTARTING');
  }
}

export function hasFailure(status: ConnectorStatus | undefined): boolean {
  return !!status && (status.connector.state === 'FAILED' || status.tasks.some((t) => t.state === 'FAILED'));
}

/** `RUNNING, tasks 2/2 RUNNING` */
export function oneLine(status: ConnectorStatus | undefined): string {
  if (!status) return 'not deployed';
  const counts = countStates(status.tasks.map((t) => t.state));
  const tasks =
    status.tasks.length === 0 ? 'no tasks' : `tasks ${describeCounts(counts, status.tasks.length)}`;
  return `${status.connector.state}, ${tasks}`;
}

export function countStates(states: ConnectorState[]): Partial<Record<ConnectorState, number>> {
  const counts: Partial<Record<ConnectorState, number>> = {};
  for (const s of states) counts[s] = (counts[s] ?? 0) + 1;
  return counts;
}

const describeCounts = (counts: Partial<Record<ConnectorState, number>>, total: number): string =>
  Object.entries(counts)
    .map(([state, n]) => `${n}/${total} ${state}`)
    .join(', ');
