import { sleep } from '../../lab/clients';
import { labEndpoints, type LabEndpoints } from '../../lab/endpoints';
import { concreteExpr, loadDashboard, queryPanels } from '../../unit/grafana/dashboard';
import { feedPanels, instantQuery as query } from './lab-panels';

/** A consumer group on the source for the checkpoint connector to translate (mm2-* groups are excluded). */
const GROUP = 'grafana-panels-it';
const WAIT_FOR_SERIES_MS = 90_000;

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
    await feedPanels(lab, GROUP, 50);
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
