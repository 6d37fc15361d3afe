import { z } from 'zod';

/** Every gate the engine can measure; each one is shown with its numbers (see gates/evaluators.ts). */
export const GATE_IDS = [
  'connectors-running',
  'replication-policy',
  'partition-counts',
  'topic-configs',
  'lag-under-threshold',
  'checkpoints-fresh',
  'group-empty-source',
  'group-ready-target',
  'group-consuming-target',
  'no-stray-producers',
  'lag-zero',
  'target-growing',
  'source-quiet',
] as const;
export type GateId = (typeof GATE_IDS)[number];

const name = z.string().regex(/^[A-Za-z0-9._-]+$/, 'letters, digits, ".", "_" and "-" only');
const positive = z.number().int().positive();
const envName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'an environment variable name');

/** How an application is stopped and started: its ECS service, or a person in the channel. */
const runSchema = z.union([
  z
    .object({
      ecs: z
        .object({
          cluster: name,
          service: name,
          /** The container whose environment holds the bootstrap servers. */
          container: name,
          /** The variable switched from the source to the target bootstrap servers. */
          bootstrapEnv: envName.default('KAFKA_BOOTSTRAP_SERVERS'),
        })
        .strict(),
    })
    .strict(),
  z
    .object({
      /** What the owning team does, shown on the step; a person confirms it in Slack, the gates verify it. */
      manual: z
        .object({ team: z.string().min(1), stop: z.string().min(1), start: z.string().min(1) })
        .strict(),
    })
    .strict(),
]);

const applicationSchema = z.discriminatedUnion('kind', [
  z
    .object({
      name,
      kind: z.literal('consumer'),
      /** The consumer groups this application runs; they move together. */
      groups: z.array(name).min(1),
      run: runSchema,
    })
    .strict(),
  z
    .object({
      name,
      kind: z.literal('producer'),
      /** Topics it writes; the fence watches them (every topic in scope when omitted). */
      topics: z.array(name).min(1).optional(),
      run: runSchema,
    })
    .strict(),
]);

/**
 * One step template. `forEach` repeats it for every consumer application of the batch, or every
 * producer application. `gates` must be green before acting; `verify` is measured after acting
 * (polled until `timeoutSeconds`). `waitSeconds` is a minimum time since the previous step finished,
 * measured from the saved state (`sync` = one checkpoint plus one offset-sync interval of the profile).
 */
const stepSchema = z
  .object({
    id: name,
    title: z.string().min(1).max(140),
    kind: z.enum(['check', 'connector', 'ecs', 'manual']),
    forEach: z.enum(['consumer', 'producer']).optional(),
    /** ecs/manual: stop the application, or start it against the target. connector: pause/resume/stop. */
    action: z.enum(['stop', 'start-on-target', 'pause', 'resume']).optional(),
    connectors: z.array(z.enum(['source', 'checkpoint', 'heartbeat'])).optional(),
    gates: z.array(z.enum(GATE_IDS)).default([]),
    verify: z.array(z.enum(GATE_IDS)).default([]),
    approval: z.enum(['none', 'requester', 'peer']).default('none'),
    timeoutSeconds: positive.default(120),
    waitSeconds: z
      .union([z.number().int().nonnegative(), z.literal('sync'), z.literal('rollback-window')])
      .optional(),
    /** What undoes it on abort: the previous task definition revision, the previous desired count, a manual text. */
    rollback: z
      .union([
        z.enum(['none', 'previous-revision', 'previous-count', 'resume']),
        z.object({ manual: z.string().min(1) }).strict(),
      ])
      .default('none'),
    /** From this step on, abort is refused: the producers write to the target. */
    pointOfNoReturn: z.boolean().default(false),
  })
  .strict()
  .superRefine((s, ctx) => {
    if (
      (s.kind === 'ecs' || s.kind === 'manual') &&
      (!s.forEach || !s.action || !['stop', 'start-on-target'].includes(s.action))
    )
      ctx.addIssue({
        code: 'custom',
        message: `a ${s.kind} step needs forEach and action stop or start-on-target`,
        path: ['action'],
      });
    if (
      s.kind === 'connector' &&
      (!s.connectors?.length || !s.action || !['pause', 'resume', 'stop'].includes(s.action))
    )
      ctx.addIssue({
        code: 'custom',
        message: 'a connector step needs connectors and action pause, resume or stop',
        path: ['connectors'],
      });
    if (s.kind === 'check' && s.gates.length === 0)
      ctx.addIssue({ code: 'custom', message: 'a check step needs at least one gate', path: ['gates'] });
  });

export const runbookSchema = z
  .object({
    name,
    description: z.string().default(''),
    settings: z
      .object({
        /** Exact lag must stay under the profile's amber threshold this long. */
        lagHoldSeconds: positive.default(10),
        /** The stray-producer fence: two snapshots of source end offsets at least this far apart. */
        fenceSeconds: positive.default(10),
        /** After the producers moved: how long the source must stay quiet before MM2 is stopped. */
        rollbackWindowSeconds: positive.default(600),
        // No `consumingSeconds`: how long a moved group may take to consume on the target is the
        // verifying step's `timeoutSeconds` (group-consuming-target is polled until then).
      })
      .strict()
      .default({ lagHoldSeconds: 10, fenceSeconds: 10, rollbackWindowSeconds: 600 }),
    applications: z.array(applicationSchema).min(1),
    /** Consumer applications moved together, in order; `/mm2 cutover start --batch a,b` overrides. */
    batches: z.array(z.array(name).min(1)).default([]),
    steps: z.array(stepSchema).min(1),
  })
  .strict()
  .superRefine((r, ctx) => {
    const apps = new Map(r.applications.map((a) => [a.name, a]));
    r.batches.forEach((batch, i) =>
      batch.forEach((app, j) => {
        if (apps.get(app)?.kind !== 'consumer')
          ctx.addIssue({
            code: 'custom',
            message: `${app} is not a consumer application of this runbook`,
            path: ['batches', i, j],
          });
      }),
    );
    const ids = new Set<string>();
    r.steps.forEach((s, i) => {
      if (ids.has(s.id))
        ctx.addIssue({ code: 'custom', message: `step id ${s.id} is used twice`, path: ['steps', i, 'id'] });
      ids.add(s.id);
    });
    if (r.steps.filter((s) => s.pointOfNoReturn).length > 1)
      ctx.addIssue({
        code: 'custom',
        message: 'only one step can be the point of no return',
        path: ['steps'],
      });
  });

export type Runbook = z.infer<typeof runbookSchema>;
export type RunbookStep = Runbook['steps'][number];
export type Application = Runbook['applications'][number];
export type AppRun = Application['run'];
