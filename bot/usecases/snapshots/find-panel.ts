import { AppError } from '../../domain/errors';
import type { Dashboard, DashboardPanel } from '../../domain/dashboards/dashboard-types';

export interface PanelRef {
  dashboard: Dashboard;
  panel: DashboardPanel;
}

/** Every panel that shows data (rows only group them; collapsed rows hold theirs inside). */
export function snapshotPanels(dashboards: Dashboard[]): PanelRef[] {
  const refs: PanelRef[] = [];
  const visit = (dashboard: Dashboard, panels: DashboardPanel[]) => {
    for (const panel of panels) {
      if (panel.type === 'row') visit(dashboard, panel.panels ?? []);
      else if ((panel.targets ?? []).length > 0) refs.push({ dashboard, panel });
    }
  };
  for (const dashboard of dashboards) visit(dashboard, dashboard.panels);
  return refs;
}

const words = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .filter(Boolean);

/**
 * A panel by id (`6`, `mm2-overview/6`) or title, forgiving: case, punctuation, word order and partial
 * words ("lag", "records lag", "throughput") all find it when only one panel matches.
 */
export function findPanel(panels: PanelRef[], query: string): PanelRef {
  const q = query.trim();
  const idMatch = /^(?:([\w-]+)[/:])?(\d+)$/.exec(q);
  if (idMatch) {
    const [, uid, id] = idMatch;
    const found = panels.filter((p) => p.panel.id === Number(id) && (!uid || p.dashboard.uid === uid));
    if (found.length === 1) return found[0]!;
  }
  const wanted = words(q);
  const exact = panels.filter((p) => words(p.panel.title).join(' ') === wanted.join(' '));
  if (exact.length === 1) return exact[0]!;
  const scored = panels
    .map((p) => {
      const title = words(p.panel.title);
      const hits = wanted.filter((w) =>
        title.some((t) => t.startsWith(w) || (w.length > 3 && w.startsWith(t))),
      );
      return { p, hits: hits.length };
    })
    .filter((s) => s.hits === wanted.length && wanted.length > 0);
  if (scored.length === 1) return scored[0]!.p;
  const list = (refs: PanelRef[]) => refs.map((r) => `${r.panel.id} "${r.panel.title}"`).join(', ');
  if (scored.length > 1)
    throw new AppError(
      'BAD_INPUT',
      `"${q}" matches ${scored.length} panels: ${list(scored.map((s) => s.p))}.`,
      'Name one by its id or more of its title, e.g. /mm2 snapshot 6.',
    );
  throw new AppError(
    'NOT_FOUND',
    `No panel matches "${q}".`,
    'Run /mm2 snapshot without a panel to see the panels you can pick.',
  );
}
