// What the dashboard's lab tests share: data on every topic for the MM2 dashboard's panels to show, and
// Prometheus asked directly (the panels' PromQL as Grafana would send it).
import { produce, sleep, withAdmin } from '../../lab/clients';
import type { LabEndpoints } from '../../lab/endpoints';
import { ensureMm2Running } from '../../lab/mm2-connectors';

export const PANEL_TOPICS = ['orders', 'clicks', 'payments'];

/**
 * Fresh records on every topic and committed offsets of a source group `group` (first: the checkpoint
 * connector only gets tasks once it sees a group; mm2-* groups are excluded), then MM2 running.
 */
export async function feedPanels(lab: LabEndpoints, group: string, records = 30): Promise<void> {
  for (const topic of PANEL_TOPICS)
    await produce(
      lab.source,
      topic,
      Array.from({ length: records }, (_, i) => `${group}-${topic}-${Date.now()}-${i}`),
    );
  await withAdmin(lab.source, async (admin) => {
    const offsets = await admin.fetchTopicOffsets('orders');
    await admin.setOffsets({
      groupId: group,
      topic: 'orders',
      partitions: offsets.map((p) => ({ partition: p.partition, offset: p.high })),
    });
  });
  await ensureMm2Running(lab);
}

export interface QueryResult {
  status: 'success' | 'error';
  errorType?: string;
  error?: string;
  data?: { resultType: string; result: Array<{ metric: Record<string, string>; values?: unknown[] }> };
}

/** An instant query, as the HTTP API answers it (errors included, not thrown). */
export async function instantQuery(prometheus: string, expr: string): Promise<QueryResult> {
  const response = await fetch(`${prometheus}/api/v1/query?${new URLSearchParams({ query: expr })}`, {
    signal: AbortSignal.timeout(10_000),
  });
  return (await response.json()) as QueryResult;
}

/**
 * Waits until `expr` has had a series with samples over the last `forSeconds` at every `stepSeconds`
 * step (a line, not a dot, when drawn); resolves with the longest such series' sample count.
 */
export async function waitForLine(
  prometheus: string,
  expr: string,
  o: { forSeconds: number; stepSeconds: number; timeoutMs: number },
): Promise<number> {
  const wanted = Math.floor(o.forSeconds / o.stepSeconds) - 1;
  const deadline = Date.now() + o.timeoutMs;
  let longest = 0;
  while (Date.now() < deadline) {
    const r = await instantQuery(prometheus, `(${expr})[${o.forSeconds}s:${o.stepSeconds}s]`);
    longest = Math.max(0, ...(r.data?.result ?? []).map((s) => s.values?.length ?? 0));
    if (longest >= wanted) return longest;
    await sleep(3000);
  }
  throw new Error(
    `no series of ${expr} with ${wanted} samples within ${o.timeoutMs} ms (longest ${longest})`,
  );
}
