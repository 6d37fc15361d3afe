import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LabEndpoints } from '../../lab/endpoints';

export const TOKENS = { bot: 'xoxb-e2e-1234-secretbottoken', app: 'xapp-1-E2E-5678-secretapptoken' };
export const CHANNEL = 'C0MIGRATION';
export const USERS = {
  viewer: 'U0VIEWER',
  operator: 'U0OPERATOR',
  approver1: 'U0APPROVER1',
  approver2: 'U0APPROVER2',
  groupApprover: 'U0GROUPIE',
};
export const APPROVER_GROUP = 'S0APPROVERS';

/** A profile of the test's own (its own connector names and topic), next to the real templates. */
export function testProfile(name: string, topic: string, lab: LabEndpoints): string {
  const dir = mkdtempSync(join(tmpdir(), 'mm2-e2e-'));
  mkdirSync(join(dir, 'profiles'));
  symlinkSync(join(__dirname, '../../../connectors/templates'), join(dir, 'templates'));
  const file = join(dir, 'profiles', `${name}.yml`);
  writeFileSync(
    file,
    `name: ${name}
source: { alias: source, bootstrapServers: '${lab.source}', auth: { mode: plaintext } }
target: { alias: target, bootstrapServers: '${lab.target}', auth: { mode: plaintext } }
topics: { include: ['${topic.replace(/\./g, '\\.')}'], exclude: [] }
groups: { include: ['${name}-.*'], exclude: [] }
tasksMax: 1
replicationFactor: 1
intervals: { refreshTopicsSeconds: 5, refreshGroupsSeconds: 5, syncGroupOffsetsSeconds: 5, emitCheckpointsSeconds: 5, emitHeartbeatsSeconds: 2 }
connectors: { source: ${name}-source, checkpoint: ${name}-checkpoint, heartbeat: ${name}-heartbeat }
checks:
  lagRecords: { amber: 1000, red: 10000 }
  lagMs: { amber: 30000, red: 120000 }
  checkpointAgeSeconds: { amber: 60, red: 300 }
deploy: { followTimeoutSeconds: 90, stateTimeoutSeconds: 60 }
`,
  );
  return file;
}

/** The environment a deployment would give the bot, pointed at the stand-in and the lab. */
export function botEnv(
  apiUrl: string,
  lab: LabEndpoints,
  extra: Record<string, string> = {},
): Record<string, string> {
  return {
    SLACK_BOT_TOKEN: TOKENS.bot,
    SLACK_APP_TOKEN: TOKENS.app,
    SLACK_API_URL: apiUrl,
    MM2_CHANNELS: CHANNEL,
    MM2_ROLES: JSON.stringify({
      viewer: [USERS.viewer],
      operator: [USERS.operator],
      approver: [USERS.approver1, USERS.approver2, APPROVER_GROUP],
    }),
    MM2_STATE: `file:${mkdtempSync(join(tmpdir(), 'mm2-e2e-state-'))}`,
    MM2_METRICS_PORT: '0',
    CONNECT_URL: lab.connect,
    // The stack sets these for the profiles' broker references (connectors/profiles/lab.yml).
    MM2_SOURCE_BOOTSTRAP_SERVERS: lab.source,
    MM2_TARGET_BOOTSTRAP_SERVERS: lab.target,
    PROMETHEUS_URL: lab.prometheus,
    AWS_ENDPOINT_URL: lab.aws,
    AWS_ACCESS_KEY_ID: 'lab',
    AWS_SECRET_ACCESS_KEY: 'lab',
    AWS_REGION: 'us-east-1',
    LOG_LEVEL: 'info',
    ...extra,
  };
}
