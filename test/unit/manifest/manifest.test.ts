import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { SLASH_COMMANDS } from '../../../bot/slack/slack-contract';
import { COMMAND_SCOPE, METHOD_SCOPES } from './method-scopes';

const root = join(__dirname, '../../..');
const manifest = parse(readFileSync(join(root, 'manifest.yml'), 'utf8')) as {
  features: { slash_commands: Array<{ command: string }> };
  oauth_config: { scopes: { bot: string[] } };
  settings: { socket_mode_enabled: boolean; interactivity: { is_enabled: boolean } };
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

test("manifest.yml is valid against Slack's published manifest schema", () => {
  const schema = JSON.parse(
    readFileSync(join(root, 'test/fixtures/slack-manifest-schema/manifest.schema.1.0.0.json'), 'utf8'),
  );
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  const validate = ajv.compile(schema);
  expect(validate(manifest) ? [] : validate.errors).toEqual([]);
});

test('Socket Mode and interactivity are on', () => {
  expect(manifest.settings.socket_mode_enabled).toBe(true);
  expect(manifest.settings.interactivity.is_enabled).toBe(true);
});

test('every slash command in the manifest has a handler, and vice versa', () => {
  expect(manifest.features.slash_commands.map((c) => c.command).sort()).toEqual([...SLASH_COMMANDS].sort());
});

test('the bot scopes are exactly those the code uses', () => {
  const code = sourceFiles(join(root, 'bot'))
    .map((f) => readFileSync(f, 'utf8'))
    .join('\n');
  const used = Object.entries(METHOD_SCOPES)
    .filter(([method]) => code.includes(`.${method}(`))
    .map(([, scope]) => scope);
  const calls = [
    ...code.matchAll(/\bclient\.((?:chat|files|usergroups|users|conversations|reactions)\.[A-Za-z.]+?)\(/g),
  ].map((m) => m[1]!);
  for (const method of calls) expect(Object.keys(METHOD_SCOPES)).toContain(method);
  expect([...new Set(manifest.oauth_config.scopes.bot)].sort()).toEqual(
    [...new Set([COMMAND_SCOPE, ...used])].sort(),
  );
});
