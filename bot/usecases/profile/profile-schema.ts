import { z } from 'zod';
import { linearPatternProblem } from '../lag/topic-filter';

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

const authSchema = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('plaintext') }).strict(),
  z
    .object({
      mode: z.literal('sasl-scram'),
      mechanism: z.enum(['SCRAM-SHA-256', 'SCRAM-SHA-512']).default('SCRAM-SHA-512'),
      username: z.string().min(1),
      password: secretRef,
    })
    .strict(),
  z
    .object({
      mode: z.literal('mtls'),
      storeType: z.enum(['PKCS12', 'JKS']).default('PKCS12'),
      truststoreLocation: path,
      truststorePassword: secretRef,
      keystoreLocation: path,
      keystorePassword: secretRef,
      keyPassword: secretRef,
    })
    .strict(),
  z.object({ mode: z.literal('iam') }).strict(),
]);
export type ClusterAuth = z.infer<typeof authSchema>;

const alias = z.string().regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, "_" and "-" only (it names topics)');
const clusterSchema = z
  .object({
    alias,
    bootstrapServers: z.string().regex(/^[^\s,]+:\d+(,[^\s,]+:\d+)*$/, 'host:port[,host:port...]'),
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
