import { AppError } from '../../domain/errors';
import type { ConnectClient } from '../../ports/connect';
import type { EcsServices } from '../../ports/ecs-services';
import type { StepState } from './cutover-types';
import type { ActionContext, StepExecutor } from './step-executor';

export interface ActionsDeps {
  ecs?: EcsServices;
  connect: Pick<ConnectClient, 'status' | 'pause' | 'resume' | 'stop'>;
  connectors: { source: string; checkpoint: string; heartbeat: string };
}

/** The stop step of the same application (its memo holds the count to restore). */
const stopStepOf = (step: StepState, ctx: ActionContext) =>
  ctx.steps.find((s) => s.app === step.app && s.action === 'stop' && s.kind === step.kind);

/** Connector and ECS actions; check and manual steps have nothing to call. */
export function createStepExecutor(deps: ActionsDeps): StepExecutor {
  const ecs = () => {
    if (!deps.ecs)
      throw new AppError(
        'AWS_NOT_AVAILABLE',
        'No ECS access is configured, so ECS steps cannot run.',
        'Set AWS_REGION (and AWS_ENDPOINT_URL in the lab).',
      );
    return deps.ecs;
  };
  const calls = (step: StepState, call: string) => [...(step.memo.calls ?? []), call];

  const connectorAction = async (step: StepState, ctx: ActionContext, goal: 'pause' | 'resume' | 'stop') => {
    const want = goal === 'pause' ? 'PAUSED' : goal === 'resume' ? 'RUNNING' : 'STOPPED';
    const done: string[] = [];
    for (const role of step.connectors ?? []) {
      const name = deps.connectors[role];
      const status = await deps.connect.status(name);
      if (!status) throw new AppError('NOT_FOUND', `Connector ${name} does not exist.`);
      if (status.connector.state === want) continue;
      await ctx.remember({ calls: calls(step, `connect ${goal} ${name}`) });
      await deps.connect[goal](name);
      done.push(name);
    }
    return done.length ? `${goal}: ${done.join(', ')}` : `already ${want}: nothing to do`;
  };

  const stopApp = async (step: StepState, ctx: ActionContext) => {
    const { cluster, service } = step.ecs!;
    const state = await ecs().describe(cluster, service);
    if (state.desiredCount === 0) return `${service} already at 0 tasks`;
    if (step.memo.previousCount === undefined) await ctx.remember({ previousCount: state.desiredCount });
    await ctx.remember({ calls: calls(step, `ecs update ${service} desiredCount=0`) });
    await ecs().update(cluster, service, { desiredCount: 0 });
    return `${service}: ${state.desiredCount} → 0 tasks`;
  };

  const startOnTarget = async (step: StepState, ctx: ActionContext) => {
    const { cluster, service, container, bootstrapEnv } = step.ecs!;
    const count = stopStepOf(step, ctx)?.memo.previousCount;
    const state = await ecs().describe(cluster, service);
    const env = await ecs().environment(state.taskDefinition, container);
    const wantCount = count ?? Math.max(1, state.desiredCount);
    if (env[bootstrapEnv] === ctx.bootstrap.target && state.desiredCount === wantCount)
      return `${service} already runs against the target with ${wantCount} task(s)`;
    let revision = state.taskDefinition;
    if (env[bootstrapEnv] !== ctx.bootstrap.target) {
      if (!step.memo.previousTaskDefinition)
        await ctx.remember({ previousTaskDefinition: state.taskDefinition });
      // A revision registered before a crash is reused rather than registered twice.
      const latest = step.memo.newTaskDefinition ?? (await ecs().latestRevision(state.taskDefinition));
      const latestEnv = latest === state.taskDefinition ? env : await ecs().environment(latest, container);
      if (latest !== state.taskDefinition && latestEnv[bootstrapEnv] === ctx.bootstrap.target)
        revision = latest;
      else {
        await ctx.remember({ calls: calls(step, `ecs register ${service} ${bootstrapEnv}=target`) });
        revision = await ecs().registerWithEnv(
          state.taskDefinition,
          container,
          bootstrapEnv,
          ctx.bootstrap.target,
        );
      }
      await ctx.remember({ newTaskDefinition: revision });
    }
    await ctx.remember({
      calls: calls(step, `ecs update ${service} taskDefinition desiredCount=${wantCount}`),
    });
    await ecs().update(cluster, service, { taskDefinition: revision, desiredCount: wantCount });
    return `${service}: ${bootstrapEnv} → target (${revision.split('/').pop()}), ${wantCount} task(s)`;
  };

  return {
    async act(step, ctx) {
      switch (step.kind) {
        case 'check':
        case 'manual':
          return 'no call to make';
        case 'connector':
          return connectorAction(step, ctx, step.action as 'pause' | 'resume' | 'stop');
        case 'ecs':
          return step.action === 'stop' ? stopApp(step, ctx) : startOnTarget(step, ctx);
      }
    },
    async rollback(step, ctx) {
      if (step.kind === 'manual')
        return step.manual ? `${step.manual.team}: undo "${step.manual.instruction}"` : 'nothing to undo';
      if (step.kind === 'connector')
        return step.rollback === 'resume' ? connectorAction(step, ctx, 'resume') : 'left as it is';
      if (step.kind !== 'ecs') return 'nothing to undo';
      const { cluster, service } = step.ecs!;
      const state = await ecs().describe(cluster, service);
      if (step.action === 'start-on-target') {
        const previous = step.memo.previousTaskDefinition;
        if (!previous || state.taskDefinition === previous)
          return `${service} already on its previous revision`;
        await ecs().update(cluster, service, { taskDefinition: previous });
        return `${service}: back to ${previous.split('/').pop()} (the source)`;
      }
      const previous = step.memo.previousCount;
      if (previous === undefined || state.desiredCount === previous)
        return `${service} already at ${state.desiredCount} task(s)`;
      await ecs().update(cluster, service, { desiredCount: previous });
      return `${service}: back to ${previous} task(s)`;
    },
  };
}
