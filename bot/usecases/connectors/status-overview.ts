import type { ConnectorState, ConnectorStatus } from '../../ports/connect';
import type { ConnectorDeps } from './deps';
import { selectConnectors, validNames } from './select-connectors';

export interface StatusOverview {
  profileName: string;
  /** Profile connectors in profile order; `status` undefined when not deployed. */
  connectors: Array<{ name: string; status?: ConnectorStatus }>;
  /** Connectors Connect runs that the profile does not know. */
  others: string[];
  workers: string[];
  connectorCounts: Partial<Record<ConnectorState, number>>;
  taskCounts: Partial<Record<ConnectorState, number>>;
}

/** One `GET /connectors?expand=status&expand=info` call, shaped for `/mm2 status`. */
export async function statusOverview(
  deps: ConnectorDeps,
  target: string | undefined,
): Promise<StatusOverview> {
  const [{ profile }, listed] = await Promise.all([deps.profile.load(), deps.connect.list()]);
  const names = selectConnectors(profile, target).map((s) => s.name);
  const connectors = names.map((name) => ({ name, status: listed[name]?.status }));
  const known = new Set(validNames(profile));
  const statuses = connectors.map((c) => c.status).filter((s): s is ConnectorStatus => s !== undefined);
  const workers = new Set<string>();
  const connectorCounts: StatusOverview['connectorCounts'] = {};
  const taskCounts: StatusOverview['taskCounts'] = {};
  for (const s of statuses) {
    workers.add(s.connector.worker_id);
    connectorCounts[s.connector.state] = (connectorCounts[s.connector.state] ?? 0) + 1;
    for (const t of s.tasks) {
      workers.add(t.worker_id);
      taskCounts[t.state] = (taskCounts[t.state] ?? 0) + 1;
    }
  }
  return {
    profileName: profile.name,
    connectors,
    others:
      target === undefined
        ? Object.keys(listed)
            .filter((n) => !known.has(n))
            .sort()
        : [],
    workers: [...workers].filter(Boolean).sort(),
    connectorCounts,
    taskCounts,
  };
}
