import type { CommandSpec } from './command';
import type { LagReporter } from '../usecases/lag/lag-reporter';
import type { LagThresholds } from '../usecases/lag/lag-types';
import { compileRegex } from '../domain/topic-filter';
import { isAppError } from '../domain/errors';
import { lagReportView } from '../views/lag/lag-view';

export interface LagCommandDeps {
  lag: LagReporter;
  /** The active migration profile's thresholds, when not the reporter's defaults. */
  thresholds?: () => LagThresholds | undefined;
}

export interface LagArgs {
  filter?: string;
}

/** `/mm2 lag [topic regex]` */
export const createLagCommand = (deps: LagCommandDeps): CommandSpec<LagArgs> => ({
  verb: 'lag',
  role: 'viewer',
  usage: '/mm2 lag [topic regex]',
  summary: 'Replication lag per topic (records, ms), worst partitions, consumer group offset sync, a verdict',
  parse: (args) => {
    const filter = args.join(' ').trim();
    if (!filter) return { ok: true, args: {} };
    try {
      compileRegex(filter, 'topic filter');
    } catch (error) {
      return { ok: false, error: isAppError(error) ? error.message : String(error) };
    }
    return { ok: true, args: { filter } };
  },
  run: async (ctx, args) => {
    await ctx.reply.progress('Reading source offsets, MirrorMaker 2 committed offsets and Prometheus…');
    const thresholds = deps.thresholds?.();
    const report = await deps.lag.report({
      ...(args.filter ? { filter: args.filter } : {}),
      ...(thresholds ? { thresholds } : {}),
    });
    const message = lagReportView(report);
    if (message.csv) await ctx.reply.attach(message.csv);
    return message.view;
  },
});
