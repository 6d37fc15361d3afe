import type { CommandSpec } from './command';
import type { ScalingReporter } from '../usecases/scaling/scaling-reporter';
import { scalingView } from '../views/scaling/scaling-view';

/** `/mm2 scaling` */
export const createScalingCommand = (deps: {
  scaling: ScalingReporter;
}): CommandSpec<Record<string, never>> => ({
  verb: 'scaling',
  role: 'viewer',
  usage: '/mm2 scaling',
  summary: 'Connect ECS service counts, rollout, image, autoscaling bounds, policies and recent activity',
  parse: (args) =>
    args.length === 0 ? { ok: true, args: {} } : { ok: false, error: '`/mm2 scaling` takes no arguments.' },
  run: async (ctx) => {
    await ctx.reply.progress('Asking ECS and Application Auto Scaling…');
    return scalingView(await deps.scaling.report());
  },
});
