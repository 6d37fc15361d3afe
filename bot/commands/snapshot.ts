import type { Clock } from '../domain/clock';
import type { SnapshotService } from '../usecases/snapshots/snapshot-service';
import { parseSnapshotArgs, resolveRange, type SnapshotArgs } from '../usecases/snapshots/snapshot-args';
import { panelListView, snapshotDoneView, snapshotFile } from '../views/snapshots/snapshot-views';
import type { CommandSpec } from './command';

export interface SnapshotCommandDeps {
  snapshots: SnapshotService;
  clock: Clock;
}

/** `/mm2 snapshot [panel] [--range 6h | --from … --to …] [var=value …]` */
export const createSnapshotCommand = (deps: SnapshotCommandDeps): CommandSpec<SnapshotArgs> => ({
  verb: 'snapshot',
  role: 'viewer',
  usage: '/mm2 snapshot [panel] [--range 6h | --from … --to …] [var=value …] [--dark]',
  summary: 'A dashboard panel as a picture, with last/min/max per series; no panel: the panels to pick from',
  parse: parseSnapshotArgs,
  run: async (ctx, args) => {
    if (!args.panel) return panelListView(await deps.snapshots.panels());
    const { from, to } = resolveRange(args.range, deps.clock.now());
    const snapshot = await deps.snapshots.take({
      panel: args.panel,
      from,
      to,
      vars: args.vars,
      theme: args.theme,
    });
    await ctx.reply.attach(snapshotFile(snapshot));
    return snapshotDoneView(snapshot);
  },
});
