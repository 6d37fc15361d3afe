import type { CommandSpec } from './command';
import type { ReportBuilder } from '../ports/reports';

/** `/mm2 report now`: the scheduled report (lag + connector health), posted at once in this channel. */
export const createReportCommand = (deps: { build: ReportBuilder }): CommandSpec<{ now: true }> => ({
  verb: 'report',
  role: 'viewer',
  usage: '/mm2 report now',
  summary: 'Post the lag report with connector health now',
  parse: (args) =>
    args.length === 1 && args[0]?.toLowerCase() === 'now'
      ? { ok: true, args: { now: true } }
      : { ok: false, error: 'Usage: `/mm2 report now`' },
  run: async (ctx) => {
    await ctx.reply.progress('Building the lag report…');
    const message = await deps.build({ kind: 'manual' });
    if (message.csv) await ctx.reply.attach(message.csv);
    if (message.chart) await ctx.reply.attach(message.chart);
    return message.view;
  },
});
