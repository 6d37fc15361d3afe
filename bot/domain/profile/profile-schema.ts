import { z } from 'zod';
import { linearPatternProblem } from '../topic-filter';

/** A secret is never written in a profile: only a Connect config provider reference to it. */
const secretRef = z
  .string()
  .regex(
    /^\$\{(file|env|directory):[^}]+\}$/,
    'must be a Connect config provider reference such as ${file:/opt/secrets/source.properties:password}, never the secret itself',
  );

const path = z.string().regex(/^\/\S+$/, 'must be an absolute path on the Connect worker');

/** MM2 splits its lists on commas, so a pattern cannot contain one. */
const pattern = z
  .string()
  .min(1)
  .refine((p) => !p.includes(','), 'a pattern cannot contain "," (MM2 splits the list on commas)')
  .refine((p) => {
    try {
      new RegExp(p);
      return true;
    } catch {
      return false;
    }
  }, 'is not a valid regular expression')
  // The bot matches topic names with these itself (lag, alerts), on a linear-time engine.
  .refine(
    (p) => linearPatternProblem(p) === undefined,
    'uses syntax the bot cannot match in linear time (RE2 syntax: no lookaround, no backreferences)',
  );

export const AUTH_MODES = ['plaintext', 'sasl-scram', 'mtls', 'iam'] as const;
export type AuthMode = (typeof AUTH_MODES)[number];

const storeType = z.enum(['PEM', 'PKCS12', 'JKS']);

/** Kafka refuses a store password on a PEM store (only the key may have one); the others need theirs. */
const storePasswords = (
  auth: { storeType: z.infer<typeof storeType>; [field: string]: unknown },
  ctx: z.RefinementCtx,
  fields: { store: string[]; key?: string },
): void => {
  for (const field of fields.store) {
    if (auth.storeType === 'PEM' && auth[field] !== undefined)
      ctx.addIssue({
        code: 'custom',
        path: [field],
        message: 'must be left out for a PEM store (Kafka refuses it)',
      });
    if (auth.storeType !== 'PEM' && auth[field] === undefined)
      ctx.addIssue({ code: 'custom', path: [field], message: `is required for a ${auth.storeType} store` });
  }
  if (fields.key && auth.storeType !== 'PEM' && auth[fields.key] === undefined)
    ctx.addIssue({
      code: 'custom',
      path: [fields.key],
      message: `is required for a ${auth.storeType} store`,
    });
};

const authSchema = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('plaintext') }).strict(),
  z
    .object({
      mode: z.literal('sasl-scram'),
      mechanism: z.enum(['SCRAM-SHA-256', 'SCRAM-SHA-512']).default('SCRAM-SHA-512'),
      username: z.string().min(1),
      password: secretRef,
      /** Only for brokers whose certificates a private CA signed (MSK's are publicly trusted). */
      truststoreType: storeType.optional(),
      truststoreLocation: path.optional(),
      truststorePassword: secretRef.optional(),
    })
    .strict()
    .superRefine((auth, ctx) => {
      if (auth.truststoreLocation === undefined) {
        for (const field of ['truststoreType', 'truststorePassword'] as const)
          if (auth[field] !== undefined)
            ctx.addIssue({ code: 'custom', path: [field], message: 'needs truststoreLocation' });
        return;
      }
      if (auth.truststoreType === undefined)
        ctx.addIssue({
          code: 'custom',
          path: ['truststoreType'],
          message: 'is required with truststoreLocation',
        });
      else
        storePasswords({ ...auth, storeType: auth.truststoreType }, ctx, { store: ['truststorePassword'] });
    }),
  z
    .object({
      mode: z.literal('mtls'),
      /** PEM stores are text: they travel through the secret-to-file path like the passwords do. */
      storeType: storeType.default('PKCS12'),
      truststoreLocation: path,
      truststorePassword: secretRef.optional(),
      keystoreLocation: path,
      keystorePassword: secretRef.optional(),
      keyPassword: secretRef.optional(),
    })
    .strict()
    .superRefine((auth, ctx) =>
      storePasswords(auth, ctx, { store: ['truststorePassword', 'keystorePassword'], key: 'keyPassword' }),
    ),
  z.object({ mode: z.literal('iam') }).strict(),
]);
export type ClusterAuth = z.infer<typeof authSchema>;

const alias = z.string().regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, "_" and "-" only (it names topics)');
const clusterSchema = z
  .object({
    alias,
    // host:port list, or a reference Connect resolves on the worker (and the bot for itself), e.g.
    // ${env:MM2_TARGET_BOOTSTRAP_SERVERS}, which the CDK stack sets from the clusters it knows.
    bootstrapServers: z
      .string()
      .regex(
        /^([^\s,$]+:\d+(,[^\s,$]+:\d+)*|\$\{(env|file):[^}]+\})$/,
        'host:port[,host:port...], or a reference such as ${env:MM2_TARGET_BOOTSTRAP_SERVERS}',
      ),
    auth: authSchema,
  })
  .strict();

const connectorName = z.string().regex(/^[A-Za-z0-9._-]+$/, 'letters, digits, ".", "_" and "-" only');
const positive = z.number().int().positive();
const threshold = z
  .object({ amber: z.number().nonnegative(), red: z.number().nonnegative() })
  .strict()
  .refine((t) => t.amber < t.red, { message: 'amber must be below red', path: ['amber'] });

export const CONNECTOR_ROLES = ['source', 'checkpoint', 'heartbeat'] as const;
export type ConnectorRole = (typeof CONNECTOR_ROLES)[number];

const overrides = z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]));

export const profileSchema = z
  .object({
    name: z.string().min(1),
    source: clusterSchema,
    target: clusterSchema,
    topics: z.object({ include: z.array(pattern).min(1), exclude: z.array(pattern).default([]) }).strict(),
    groups: z.object({ include: z.array(pattern).min(1), exclude: z.array(pattern).default([]) }).strict(),
    tasksMax: positive,
    replicationFactor: z.number().int().min(1).max(5),
    offsetSyncsTopicLocation: z.enum(['source', 'target']).default('target'),
    intervals: z
      .object({
        refreshTopicsSeconds: positive.default(60),
        refreshGroupsSeconds: positive.default(60),
        syncGroupOffsetsSeconds: positive.default(60),
        emitCheckpointsSeconds: positive.default(60),
        emitHeartbeatsSeconds: positive.default(5),
      })
      .strict(),
    connectors: z
      .object({ source: connectorName, checkpoint: connectorName, heartbeat: connectorName })
      .strict()
      .refine((c) => new Set(Object.values(c)).size === 3, 'the three connector names must differ'),
    /** Per-connector settings applied last, e.g. a one-off tuning; secrets are refused here too. */
    overrides: z
      .object({
        source: overrides.optional(),
        checkpoint: overrides.optional(),
        heartbeat: overrides.optional(),
      })
      .strict()
      .default({}),
    checks: z.object({ lagRecords: threshold, lagMs: threshold, checkpointAgeSeconds: threshold }).strict(),
    deploy: z
      .object({ followTimeoutSeconds: positive.default(120), stateTimeoutSeconds: positive.default(60) })
      .strict()
      .default({ followTimeoutSeconds: 120, stateTimeoutSeconds: 60 }),
  })
  .strict()
  .refine((p) => p.source.alias !== p.target.alias, {
    message: 'must differ from source.alias',
    path: ['target', 'alias'],
  });

export type Profile = z.infer<typeof profileSchema>;
