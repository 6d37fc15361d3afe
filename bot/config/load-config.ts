import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { AppError } from '../domain/errors';
import type { BotConfig, RoleBindings, StateLocation } from './bot-config';
import { labBootstrapVariables, labPorts, labRunDir, labUrls } from './lab-layout';
import { referenceSourcesFrom } from './reference-sources';

/** The console's identities: what `npm start` uses when nothing is set (the lab's endpoints: lab-layout.ts). */
export const EMBEDDED_DEFAULTS = {
  consoleChannel: 'CCONSOLE',
  consoleRoles: { viewer: ['vera'], operator: ['oscar'], approver: ['alice', 'bob'] } satisfies RoleBindings,
};

const url = (what: string) =>
  z
    .string()
    .regex(/^https?:\/\/[^\s/]+(\/\S*)?$/, `must be a URL such as http://host:port (${what})`)
    .transform((u) => u.replace(/\/+$/, ''));
const positiveInt = (fallback: number) =>
  z.coerce
    .number({ message: 'must be a number' })
    .int('must be a whole number')
    .positive('must be positive')
    .default(fallback);

/** A call budget in seconds (fractions allowed, e.g. 0.5), at most 5 minutes. */
const seconds = (fallback: number) =>
  z.coerce
    .number({ message: 'must be a number of seconds' })
    .positive('must be more than 0 seconds')
    .max(300, 'must be at most 300 seconds')
    .default(fallback);

const idList = (prefix: RegExp, what: string) =>
  z.array(z.string().regex(prefix, `each entry must be ${what}`)).default([]);

const rolesSchema = z
  .object({
    viewer: idList(/^[US][A-Z0-9]{2,}$|^[a-z][a-z0-9._-]*$/, 'a user ID (U...) or user group ID (S...)'),
    operator: idList(/^[US][A-Z0-9]{2,}$|^[a-z][a-z0-9._-]*$/, 'a user ID (U...) or user group ID (S...)'),
    approver: idList(/^[US][A-Z0-9]{2,}$|^[a-z][a-z0-9._-]*$/, 'a user ID (U...) or user group ID (S...)'),
  })
  .strict();

const scheduleSchema = z.array(
  z.object({
    id: z.string().regex(/^[a-z0-9-]{1,40}$/, 'lower-case letters, digits and dashes'),
    cron: z.string().min(9, 'a cron expression such as "0 9 * * 1-5"'),
    timezone: z.string().default('UTC'),
    channel: z.string().regex(/^[CGD][A-Z0-9]+$/, 'a channel ID (C...)'),
  }),
);

const envSchema = z.object({
  SLACK_BOT_TOKEN: z
    .string()
    .regex(/^xoxb-/, 'must be a bot token (xoxb-...)')
    .optional(),
  SLACK_APP_TOKEN: z
    .string()
    .regex(/^xapp-/, 'must be an app-level token (xapp-...) with connections:write')
    .optional(),
  SLACK_API_URL: url('base URL of Slack Web API, ending in /api/').optional(),
  CONNECT_URL: url('Kafka Connect REST API').optional(),
  PROMETHEUS_URL: url('Prometheus').optional(),
  GRAFANA_URL: url('Grafana').optional(),
  MM2_CHANNELS: z.string().optional(),
  MM2_ROLES: z.string().optional(),
  MM2_STATE: z.string().optional(),
  MM2_PROFILE: z.string().default('connectors/profiles/lab.yml'),
  MM2_TEMPLATES_DIR: z.string().min(1).default('connectors/templates'),
  AWS_REGION: z.string().default('us-east-1'),
  AWS_ENDPOINT_URL: url('AWS endpoint override, e.g. moto').optional(),
  MM2_ECS_CLUSTER: z.string().default('mm2-lab'),
  MM2_ECS_SERVICE: z.string().default('kafka-connect'),
  MM2_SOURCE_KAFKA_PASSWORD: z.string().min(1).optional(),
  MM2_TARGET_KAFKA_PASSWORD: z.string().min(1).optional(),
  MM2_SOURCE_KAFKA_TLS_DIR: z.string().min(1).optional(),
  MM2_TARGET_KAFKA_TLS_DIR: z.string().min(1).optional(),
  MM2_METRICS_PORT: z.coerce
    .number({ message: 'must be a port number' })
    .int()
    .min(0)
    .max(65535)
    .default(9102),
  MM2_AWS_TIMEOUT_SECONDS: seconds(10),
  MM2_CONNECT_TIMEOUT_SECONDS: seconds(10),
  MM2_PROMETHEUS_TIMEOUT_SECONDS: seconds(10),
  MM2_KAFKA_TIMEOUT_SECONDS: seconds(15),
  MM2_SLACK_TIMEOUT_SECONDS: seconds(10),
  MM2_APPROVAL_RETENTION_DAYS: positiveInt(30),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  MM2_APPROVAL_TTL_MINUTES: positiveInt(30),
  MM2_CUTOVER_STALE_SECONDS: positiveInt(60),
  MM2_USERGROUP_TTL_SECONDS: positiveInt(300),
  MM2_REPORT_SCHEDULES: z.string().optional(),
  MM2_ALERT_CHANNEL: z
    .string()
    .regex(/^[CG][A-Z0-9]+$/, 'must be a channel ID (C...)')
    .optional(),
  MM2_ALERT_INTERVAL_SECONDS: positiveInt(30),
  MM2_ALERT_SUSTAIN_SECONDS: positiveInt(120),
  MM2_ALERT_UPDATE_SECONDS: positiveInt(60),
  MM2_ALERT_CLEAR_SECONDS: positiveInt(60),
  // Panel snapshots (issue 12).
  GRAFANA_TOKEN: z.string().min(1).optional(),
  GRAFANA_RENDER_TIMEOUT_SECONDS: positiveInt(10),
  MM2_DASHBOARDS_DIR: z.string().default('grafana/dashboards'),
  MM2_SCRAPE_INTERVAL_SECONDS: positiveInt(15),
});

function invalid(variable: string, problem: string): AppError {
  return new AppError(
    'CONFIG_INVALID',
    `${variable} ${problem}`,
    'Fix the variable and restart the bot; README.md lists every variable.',
  );
}

function parseJsonVariable<T>(variable: string, raw: string, schema: z.ZodType<T>, cwd: string): T {
  const text =
    raw.trim().startsWith('{') || raw.trim().startsWith('[') ? raw : readFileNamedBy(variable, raw, cwd);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw invalid(variable, `is not valid JSON (${(error as Error).message})`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw invalid(variable, `: ${issue?.path.join('.') || '(top level)'} ${issue?.message}`);
  }
  return parsed.data;
}

function readFileNamedBy(variable: string, path: string, cwd: string): string {
  const file = resolve(cwd, path);
  if (!existsSync(file))
    throw invalid(
      variable,
      `names a file that does not exist: ${file} (give inline JSON or a path to a JSON file)`,
    );
  return readFileSync(file, 'utf8');
}

function parseState(raw: string, cwd: string): StateLocation {
  if (raw.startsWith('file:')) return { kind: 'file', dir: resolve(cwd, raw.slice('file:'.length)) };
  const s3 = /^s3:\/\/([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])(?:\/(.*))?$/.exec(raw);
  if (s3?.[1]) return { kind: 's3', bucket: s3[1], prefix: (s3[2] ?? '').replace(/\/+$/, '') };
  throw invalid('MM2_STATE', 'must be file:<dir> or s3://bucket/prefix');
}

/** Reads and validates the environment once; every error names the variable and what it should be. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): BotConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw invalid(String(issue?.path[0] ?? 'environment'), issue?.message ?? 'is invalid');
  }
  const e = parsed.data;
  // Unset endpoints and state point at the local lab, wherever its LAB_* variables put it.
  const labDir = labRunDir(env, cwd);
  const lab = labUrls(labPorts(env));
  if (Boolean(e.SLACK_BOT_TOKEN) !== Boolean(e.SLACK_APP_TOKEN)) {
    const missing = e.SLACK_BOT_TOKEN ? 'SLACK_APP_TOKEN' : 'SLACK_BOT_TOKEN';
    throw invalid(
      missing,
      'is missing: Slack needs both SLACK_BOT_TOKEN and SLACK_APP_TOKEN (or neither, for the console)',
    );
  }
  const slack =
    e.SLACK_BOT_TOKEN && e.SLACK_APP_TOKEN
      ? {
          botToken: e.SLACK_BOT_TOKEN,
          appToken: e.SLACK_APP_TOKEN,
          apiUrl: e.SLACK_API_URL ? `${e.SLACK_API_URL}/` : undefined,
        }
      : undefined;

  const channels = (e.MM2_CHANNELS ?? '')
    .split(',')
    .map((c) => c.trim())
    .filter(Boolean);
  for (const channel of channels)
    if (!/^[CGD][A-Z0-9]+$/.test(channel))
      throw invalid(
        'MM2_CHANNELS',
        `has "${channel}", which is not a channel ID (C...); give comma-separated channel IDs`,
      );
  if (slack && channels.length === 0)
    throw invalid(
      'MM2_CHANNELS',
      'is required with Slack tokens: give the comma-separated channel IDs the bot may answer in',
    );
  if (slack && !e.MM2_ROLES)
    throw invalid(
      'MM2_ROLES',
      'is required with Slack tokens: give {"viewer":[...],"operator":[...],"approver":[...]} inline or as a path to a JSON file',
    );

  const roles = e.MM2_ROLES
    ? parseJsonVariable('MM2_ROLES', e.MM2_ROLES, rolesSchema, cwd)
    : EMBEDDED_DEFAULTS.consoleRoles;
  const reportSchedules = e.MM2_REPORT_SCHEDULES
    ? parseJsonVariable('MM2_REPORT_SCHEDULES', e.MM2_REPORT_SCHEDULES, scheduleSchema, cwd)
    : [];

  return {
    slack,
    connectUrl: e.CONNECT_URL ?? lab.connect,
    prometheusUrl: e.PROMETHEUS_URL ?? lab.prometheus,
    grafanaUrl: e.GRAFANA_URL,
    channels: slack ? channels : channels.length > 0 ? channels : [EMBEDDED_DEFAULTS.consoleChannel],
    roles,
    state: parseState(e.MM2_STATE ?? `file:${join(labDir, 'bot-state')}`, cwd),
    labRunDir: labDir,
    profilePath: e.MM2_PROFILE.startsWith('s3://') ? e.MM2_PROFILE : resolve(cwd, e.MM2_PROFILE),
    templatesDir: resolve(cwd, e.MM2_TEMPLATES_DIR),
    aws: {
      region: e.AWS_REGION,
      endpoint: e.AWS_ENDPOINT_URL ?? (slack ? undefined : lab.aws),
      labCredentials:
        !slack && !env.AWS_ACCESS_KEY_ID && !env.AWS_PROFILE && !env.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI,
      ecsCluster: e.MM2_ECS_CLUSTER,
      ecsService: e.MM2_ECS_SERVICE,
      requestTimeoutMs: e.MM2_AWS_TIMEOUT_SECONDS * 1000,
    },
    kafkaAccess: {
      source: {
        password: e.MM2_SOURCE_KAFKA_PASSWORD,
        tlsDir: e.MM2_SOURCE_KAFKA_TLS_DIR && resolve(cwd, e.MM2_SOURCE_KAFKA_TLS_DIR),
      },
      target: {
        password: e.MM2_TARGET_KAFKA_PASSWORD,
        tlsDir: e.MM2_TARGET_KAFKA_TLS_DIR && resolve(cwd, e.MM2_TARGET_KAFKA_TLS_DIR),
      },
    },
    // On the embedded defaults the lab's broker references resolve to its ports; set variables win.
    references: referenceSourcesFrom(
      e.CONNECT_URL ? env : { ...labBootstrapVariables(labPorts(env)), ...env },
    ),
    metricsPort: e.MM2_METRICS_PORT,
    logLevel: e.LOG_LEVEL,
    approvalTtlMinutes: e.MM2_APPROVAL_TTL_MINUTES,
    approvalRetentionDays: e.MM2_APPROVAL_RETENTION_DAYS,
    timeouts: {
      connectMs: e.MM2_CONNECT_TIMEOUT_SECONDS * 1000,
      prometheusMs: e.MM2_PROMETHEUS_TIMEOUT_SECONDS * 1000,
      kafkaMs: e.MM2_KAFKA_TIMEOUT_SECONDS * 1000,
      slackMs: e.MM2_SLACK_TIMEOUT_SECONDS * 1000,
    },
    cutoverStaleSeconds: e.MM2_CUTOVER_STALE_SECONDS,
    userGroupTtlSeconds: e.MM2_USERGROUP_TTL_SECONDS,
    reportSchedules,
    alerts: {
      channel: e.MM2_ALERT_CHANNEL ?? channels[0] ?? EMBEDDED_DEFAULTS.consoleChannel,
      intervalSeconds: e.MM2_ALERT_INTERVAL_SECONDS,
      sustainSeconds: e.MM2_ALERT_SUSTAIN_SECONDS,
      updateSeconds: e.MM2_ALERT_UPDATE_SECONDS,
      clearSeconds: e.MM2_ALERT_CLEAR_SECONDS,
    },
    snapshots: {
      grafanaToken: e.GRAFANA_TOKEN,
      grafanaTimeoutSeconds: e.GRAFANA_RENDER_TIMEOUT_SECONDS,
      dashboardsDir: resolve(cwd, e.MM2_DASHBOARDS_DIR),
      scrapeIntervalSeconds: e.MM2_SCRAPE_INTERVAL_SECONDS,
    },
  };
}
