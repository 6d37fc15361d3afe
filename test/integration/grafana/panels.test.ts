import { withAdmin, produce, sleep } from '../../lab/clients';
import { labEndpoints, type LabEndpoints } from '../../lab/endpoints';
import { concreteExpr, loadDashboard, queryPanels } from '../../unit/grafana/dashboard';
import { ensureMm2Running } from '../../lab/mm2-connectors';

/** A consumer group on the source for the checkpoint connector to translate (mm2-* groups are excluded). */
const GROUP = 'grafana-panels-it';
const TOPICS = ['orders', 'clicks', 'payments'];
const WAIT_FOR_SERIES_MS = 90_000;

interface QueryResult {
  status: 'success' | 'error';
  errorType?: string;
  error?: string;
  data?: { result: unknown[] };
}

async function query(prometheus: string, expr: string): Promise<QueryResult> {
  const response = await fetch(`${prometheus}/api/v1/query?${new URLSearchParams({ query: expr })}`, {
    signal: AbortSignal.timeout(10_000),
  });
  return (await response.json()) as QueryResult;
}

const panelQueries = queryPanels(loadDashboard()).flatMap((panel) =>
  (panel.targets ?? []).map((target) => ({
    panel: panel.title,
    refId: target.refId,
    expr: concreteExpr(target.expr),
  })),
);

describe('the MM2 dashboard against the lab', () => {
  let lab: LabEndpoints;

  beforeAll(async () => {
    lab = await labEndpoints();
    // Fresh records on every topic, and committed offsets of a source group for checkpoints (first:
    // the checkpoint connector only gets tasks once it sees a group).
    for (const topic of TOPICS)
      await produce(
        lab.source,
        topic,
        Array.from({ length: 50 }, (_, i) => `grafana-it-${topic}-${Date.now()}-${i}`),
      );
    await withAdmin(lab.source, async (admin) => {
      const offsets = await admin.fetchTopicOffsets('orders');
      await admin.setOffsets({
        groupId: GROUP,
        topic: 'orders',
        partitions: offsets.map((p) => ({ partition: p.partition, offset: p.high })),
      });
    });
    await ensureMm2Running(lab);
  });

  it('has PromQL that Prometheus parses', async () => {
    expect(panelQueries.length).toBeGreaterThanOrEqual(10);
    for (const q of panelQueries) {
      const result = await query(lab.prometheus, q.expr);
      expect({ ...q, status: result.status, error: result.error }).toEqual({
        ...q,
        status: 'success',
        error: undefined,
      });
    }
  });

  it('returns series for every panel once MM2 replicates', async () => {
    const deadline = Date.now() + WAIT_FOR_SERIES_MS;
    let empty = panelQueries;
    while (empty.length > 0 && Date.now() < deadline) {
      const results = await Promise.all(
        empty.map(async (q) => ({ q, result: await query(lab.prometheus, q.expr) })),
      );
      empty = results.filter(({ result }) => (result.data?.result.length ?? 0) === 0).map(({ q }) => q);
      if (empty.length > 0) await sleep(3000);
    }
    expect(empty.map((q) => `${q.panel} (${q.refId}): ${q.expr}`)).toEqual([]);
  });
});
