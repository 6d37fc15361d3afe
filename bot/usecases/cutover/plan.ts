import { AppError } from '../../domain/errors';
import type { PlannedStep } from './cutover-types';
import type { Application, Runbook, RunbookStep } from '../../domain/runbook/runbook-schema';

export interface PlanInput {
  runbook: Runbook;
  /** Consumer applications to move, in order (from `--batch`); the runbook's batches when absent. */
  batch?: string[];
  bootstrap: { source: string; target: string };
  /** The profile's sync intervals, for `waitSeconds: sync`. */
  intervals: { emitCheckpointsSeconds: number; syncGroupOffsetsSeconds: number };
}

const fill = (title: string, app?: Application) =>
  title
    .replace(/\{app\}/g, app?.name ?? '')
    .replace(/\{groups\}/g, app?.kind === 'consumer' ? app.groups.join(', ') : '');

/** Expands the runbook's step templates into the concrete, ordered steps of one cutover. */
export function planSteps(input: PlanInput): PlannedStep[] {
  const { runbook } = input;
  const apps = new Map(runbook.applications.map((a) => [a.name, a]));
  const consumers = (
    input.batch ??
    (runbook.batches.length
      ? runbook.batches.flat()
      : runbook.applications.filter((a) => a.kind === 'consumer').map((a) => a.name))
  ).map((name) => {
    const app = apps.get(name);
    if (!app || app.kind !== 'consumer')
      throw new AppError(
        'BAD_INPUT',
        `${name} is not a consumer application of runbook ${runbook.name}.`,
        `Known: ${runbook.applications
          .filter((a) => a.kind === 'consumer')
          .map((a) => a.name)
          .join(', ')}.`,
      );
    return app;
  });
  const producers = runbook.applications.filter((a) => a.kind === 'producer');
  const waitOf = (s: RunbookStep): number | undefined =>
    s.waitSeconds === 'sync'
      ? input.intervals.emitCheckpointsSeconds + input.intervals.syncGroupOffsetsSeconds
      : s.waitSeconds === 'rollback-window'
        ? runbook.settings.rollbackWindowSeconds
        : s.waitSeconds;

  // Steps with forEach: consumer run batch by batch: every consumer step template for the first
  // application, then for the next (a group is moved completely before the next one starts).
  const planned: PlannedStep[] = [];
  const base = (s: RunbookStep, app?: Application): PlannedStep => {
    const step: PlannedStep = {
      key: app ? `${s.id}.${app.name}` : s.id,
      title: fill(s.title, app),
      kind: s.kind,
      gates: s.gates,
      verify: s.verify,
      approval: s.approval,
      timeoutSeconds: s.timeoutSeconds,
      rollback: s.rollback,
      pointOfNoReturn: s.pointOfNoReturn,
    };
    const wait = waitOf(s);
    if (wait !== undefined) step.waitSeconds = wait;
    if (s.action) step.action = s.action;
    if (s.connectors) step.connectors = s.connectors;
    if (app) {
      step.app = app.name;
      step.appKind = app.kind;
      if (app.kind === 'consumer') step.groups = app.groups;
      if (app.kind === 'producer' && app.topics) step.topics = app.topics;
      if ('ecs' in app.run && (s.kind === 'ecs' || s.kind === 'manual')) {
        step.kind = 'ecs';
        step.ecs = app.run.ecs;
      } else if ('manual' in app.run && (s.kind === 'ecs' || s.kind === 'manual')) {
        // An application not on ECS is moved by its team: a person confirms, the gates verify.
        step.kind = 'manual';
        step.manual = {
          team: app.run.manual.team,
          instruction:
            s.action === 'stop'
              ? app.run.manual.stop
              : `${app.run.manual.start} (bootstrap servers: ${input.bootstrap.target})`,
        };
      }
    }
    return step;
  };

  const steps = runbook.steps;
  let i = 0;
  while (i < steps.length) {
    const s = steps[i]!;
    if (s.forEach === 'consumer') {
      // The run of consecutive consumer templates is repeated per application.
      let j = i;
      while (j < steps.length && steps[j]!.forEach === 'consumer') j++;
      for (const app of consumers) for (const t of steps.slice(i, j)) planned.push(base(t, app));
      i = j;
      continue;
    }
    if (s.forEach === 'producer') for (const app of producers) planned.push(base(s, app));
    else planned.push(base(s));
    i++;
  }
  // Producer gates and the source-quiet window watch the producers' topics when every producer names them.
  const producerTopics = producers.every((p) => p.kind === 'producer' && p.topics)
    ? [...new Set(producers.flatMap((p) => (p.kind === 'producer' ? (p.topics ?? []) : [])))]
    : undefined;
  for (const step of planned)
    if (!step.app && producerTopics && step.gates.concat(step.verify).some((g) => PRODUCER_GATES.has(g)))
      step.topics = producerTopics;
  // Preflight checkpoints watch every group being moved.
  const allGroups = consumers.flatMap((c) => (c.kind === 'consumer' ? c.groups : []));
  for (const step of planned)
    if (!step.app && step.gates.includes('checkpoints-fresh')) step.groups = allGroups;
  return planned;
}

const PRODUCER_GATES = new Set(['no-stray-producers', 'lag-zero', 'target-growing', 'source-quiet']);
