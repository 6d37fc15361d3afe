import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { AppError } from '../../domain/errors';
import type { DashboardSource } from '../../ports/dashboards';
import type { Dashboard } from '../../domain/dashboards/dashboard-types';

// Only what the snapshots read is checked; the rest of Grafana's model passes through untouched.
const panelSchema: z.ZodType<unknown> = z.looseObject({
  id: z.number(),
  type: z.string(),
  title: z.string(),
  targets: z.array(z.looseObject({ refId: z.string(), expr: z.string().optional() })).optional(),
  panels: z.array(z.lazy(() => panelSchema)).optional(),
});
const dashboardSchema = z.looseObject({
  uid: z.string().min(1),
  title: z.string(),
  panels: z.array(panelSchema),
});

/** Dashboards from a folder of Grafana JSON files (the provisioned ones), read once and kept. */
export function fileDashboards(dir: string): DashboardSource {
  let loaded: Promise<Dashboard[]> | undefined;
  const load = async (): Promise<Dashboard[]> => {
    let names: string[];
    try {
      names = (await readdir(dir)).filter((n) => n.endsWith('.json')).sort();
    } catch (error) {
      throw new AppError(
        'CONFIG_INVALID',
        `Cannot read the dashboards folder ${dir}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
        'Set MM2_DASHBOARDS_DIR to the folder with the Grafana dashboard JSON files (grafana/dashboards).',
        { cause: error },
      );
    }
    return Promise.all(
      names.map(async (name) => {
        const file = join(dir, name);
        const parsed = dashboardSchema.safeParse(JSON.parse(await readFile(file, 'utf8')));
        if (!parsed.success)
          throw new AppError(
            'CONFIG_INVALID',
            `${file} is not a Grafana dashboard: ${parsed.error.issues[0]?.path.join('.')} ${parsed.error.issues[0]?.message}`,
          );
        return parsed.data as unknown as Dashboard;
      }),
    );
  };
  return {
    list: () => {
      loaded ??= load();
      loaded.catch(() => (loaded = undefined));
      return loaded;
    },
  };
}
