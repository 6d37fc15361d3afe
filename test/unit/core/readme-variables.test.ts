// Operators' docs stay true: every environment variable the bot reads is in README.md, and every
// variable README's Configuration table documents is one the bot still reads.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../../../bot/config/load-config';

const ROOT = join(__dirname, '../../..');
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');

const slackEnv = {
  SLACK_BOT_TOKEN: 'xoxb-1-2-abc',
  SLACK_APP_TOKEN: 'xapp-1-A1-2-def',
  MM2_CHANNELS: 'C111',
  MM2_ROLES: '{"viewer":[],"operator":[],"approver":["U9ZZ"]}',
  CONNECT_URL: 'http://127.0.0.1:1',
};

/**
 * The names loadConfig looks up in `given`, seen through a proxy: the schema's every key, and what it reads
 * beside the schema (lab layout, secret files, the AWS credential chain's markers).
 */
function namesRead(given: Record<string, string>): Set<string> {
  const read = new Set<string>();
  const env = new Proxy(given, {
    get(target, name) {
      if (typeof name === 'string') read.add(name);
      return target[name as string];
    },
  });
  loadConfig(env, ROOT);
  return read;
}

/** What the bot reads, console and Slack start alike (some names are only looked at in one of them). */
const botReads = (): string[] =>
  [...new Set([...namesRead({}), ...namesRead(slackEnv)])].filter((n) => /^[A-Z][A-Z0-9_]+$/.test(n)).sort();

/** The variable names in the first column of README's Configuration table (`A`, `B` per row). */
function configurationTableVariables(): string[] {
  const section = README.split(/^## /m).find((s) => s.startsWith('Configuration\n'));
  if (!section) throw new Error('README.md has no "## Configuration" section');
  return section
    .split('\n')
    .filter((line) => line.startsWith('| `'))
    .flatMap((line) => [...line.split('|')[1]!.matchAll(/`([A-Z][A-Z0-9_]*)`/g)].map((m) => m[1]!));
}

/** `${env:NAME}` references of the committed profiles: the bot resolves these MM2_* variables for itself. */
function profileReferences(): Set<string> {
  const dir = join(ROOT, 'connectors/profiles');
  const text = readdirSync(dir)
    .map((f) => readFileSync(join(dir, f), 'utf8'))
    .join('\n');
  return new Set([...text.matchAll(/\$\{env:([A-Z0-9_]+)\}/g)].map((m) => m[1]!));
}

test('the probe sees what the config schema reads (a variable added to it shows up here)', () => {
  const read = botReads();
  for (const name of ['SLACK_BOT_TOKEN', 'MM2_APPROVAL_RETENTION_DAYS', 'MM2_SECRET_FILES', 'LAB_RUN_DIR'])
    expect(read).toContain(name);
});

test('every environment variable the bot reads is documented in README.md', () => {
  const undocumented = botReads().filter((name) => !README.includes(`\`${name}\``));
  expect(undocumented).toEqual([]);
});

test("every variable README's Configuration table documents is read by the bot or a profile's reference", () => {
  const read = new Set(botReads());
  const references = profileReferences();
  const stale = configurationTableVariables().filter((name) => !read.has(name) && !references.has(name));
  expect(stale).toEqual([]);
});

test('the README tells operators about the timeouts, retention, health, audit evidence and group TTL', () => {
  for (const name of [
    'MM2_CONNECT_TIMEOUT_SECONDS',
    'MM2_PROMETHEUS_TIMEOUT_SECONDS',
    'MM2_KAFKA_TIMEOUT_SECONDS',
    'MM2_SLACK_TIMEOUT_SECONDS',
    'MM2_AWS_TIMEOUT_SECONDS',
    'MM2_APPROVAL_RETENTION_DAYS',
    'MM2_USERGROUP_TTL_SECONDS',
  ])
    expect(configurationTableVariables()).toContain(name);
  expect(README).toMatch(/`\/healthz`[^\n]*Socket Mode connection/);
  expect(README).toMatch(/audit trail[^.]*write-once/i);
  expect(README).toMatch(/fail closed/i);
});
