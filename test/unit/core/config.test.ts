import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EMBEDDED_DEFAULTS, loadConfig } from '../../../bot/config/load-config';
import { labConfig } from '../../lab/config';
import { endpointsFor } from '../../lab/endpoints';

const slackEnv = {
  SLACK_BOT_TOKEN: 'xoxb-1-2-abc',
  SLACK_APP_TOKEN: 'xapp-1-A1-2-def',
  MM2_CHANNELS: 'C111,C222',
  MM2_ROLES: '{"viewer":["U1AA"],"operator":["S0OPS"],"approver":["U9ZZ"]}',
};

describe('loadConfig', () => {
  test('no Slack tokens: the console defaults against the lab', () => {
    const config = loadConfig({}, '/repo');
    expect(config.slack).toBeUndefined();
    expect(config.connectUrl).toBe('http://127.0.0.1:18083');
    expect(config.prometheusUrl).toBe('http://127.0.0.1:19090');
    expect(config.channels).toEqual([EMBEDDED_DEFAULTS.consoleChannel]);
    expect(config.state).toEqual({ kind: 'file', dir: '/repo/.lab-run/bot-state' });
    expect(config.labRunDir).toBe('/repo/.lab-run');
    expect(config.aws.endpoint).toBe('http://127.0.0.1:15000');
  });

  test("the console follows the lab's LAB_* variables, read from the same definition as the lab's", () => {
    const env = {
      LAB_PORT_CONNECT: '18103',
      LAB_PORT_PROMETHEUS: '19110',
      LAB_PORT_AWS: '15020',
      LAB_RUN_DIR: 'run/lab',
    };
    const config = loadConfig(env, '/repo');
    const lab = labConfig(env);
    expect(config.connectUrl).toBe(endpointsFor(lab).connect);
    expect(config.prometheusUrl).toBe('http://127.0.0.1:19110');
    expect(config.aws.endpoint).toBe(endpointsFor(lab).aws);
    expect(config.labRunDir).toBe('/repo/run/lab');
    expect(config.state).toEqual({ kind: 'file', dir: '/repo/run/lab/bot-state' });
    expect(() => loadConfig({ LAB_PORT_CONNECT: 'http' }, '/repo')).toThrow(
      'LAB_PORT_CONNECT=http is not valid: give an integer between 1024 and 65534.',
    );
  });

  test("the lab profile's broker references resolve to the lab's ports on the embedded defaults only", () => {
    const env = { LAB_PORT_SOURCE: '19192', LAB_PORT_TARGET: '29192' };
    expect(loadConfig(env, '/repo').references.env).toMatchObject({
      MM2_SOURCE_BOOTSTRAP_SERVERS: '127.0.0.1:19192',
      MM2_TARGET_BOOTSTRAP_SERVERS: '127.0.0.1:29192',
    });
    const mine = { ...env, MM2_SOURCE_BOOTSTRAP_SERVERS: 'kafka-1.example:9092' };
    expect(loadConfig(mine, '/repo').references.env.MM2_SOURCE_BOOTSTRAP_SERVERS).toBe(
      'kafka-1.example:9092',
    );
    const remote = { ...env, CONNECT_URL: 'http://connect.internal:8083' };
    expect(loadConfig(remote, '/repo').references.env.MM2_TARGET_BOOTSTRAP_SERVERS).toBeUndefined();
  });

  test('Slack mode: tokens, channels, roles, API URL reaching both clients', () => {
    const config = loadConfig({
      ...slackEnv,
      SLACK_API_URL: 'http://127.0.0.1:4000/api/',
      MM2_STATE: 's3://mm2-state/prod/',
    });
    expect(config.slack).toEqual({
      botToken: slackEnv.SLACK_BOT_TOKEN,
      appToken: slackEnv.SLACK_APP_TOKEN,
      apiUrl: 'http://127.0.0.1:4000/api/',
    });
    expect(config.channels).toEqual(['C111', 'C222']);
    expect(config.roles.operator).toEqual(['S0OPS']);
    expect(config.state).toEqual({ kind: 's3', bucket: 'mm2-state', prefix: 'prod' });
    expect(config.aws.endpoint).toBeUndefined();
  });

  test('alert timings: defaults, overrides, and a bad value named', () => {
    expect(loadConfig({}, '/repo').alerts).toMatchObject({
      intervalSeconds: 30,
      sustainSeconds: 120,
      updateSeconds: 60,
      clearSeconds: 60,
    });
    const quick = loadConfig({ MM2_ALERT_UPDATE_SECONDS: '10', MM2_ALERT_CLEAR_SECONDS: '15' }, '/repo');
    expect(quick.alerts).toMatchObject({ updateSeconds: 10, clearSeconds: 15 });
    expect(() => loadConfig({ MM2_ALERT_CLEAR_SECONDS: 'soon' }, '/repo')).toThrow(/MM2_ALERT_CLEAR_SECONDS/);
  });

  test('MM2_ROLES may be a path to a JSON file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'roles-'));
    writeFileSync(join(dir, 'roles.json'), '{"viewer":["U1AA"],"operator":[],"approver":["U2BB"]}');
    expect(loadConfig({ ...slackEnv, MM2_ROLES: 'roles.json' }, dir).roles.approver).toEqual(['U2BB']);
  });

  test.each([
    [{ SLACK_BOT_TOKEN: 'xoxb-1' }, 'SLACK_APP_TOKEN is missing'],
    [{ ...slackEnv, SLACK_BOT_TOKEN: 'xoxp-user' }, 'SLACK_BOT_TOKEN must be a bot token (xoxb-...)'],
    [{ CONNECT_URL: 'connect:8083' }, 'CONNECT_URL must be a URL'],
    [{ ...slackEnv, MM2_CHANNELS: '' }, 'MM2_CHANNELS is required with Slack tokens'],
    [{ ...slackEnv, MM2_CHANNELS: 'general' }, 'MM2_CHANNELS has "general", which is not a channel ID'],
    [
      { ...slackEnv, MM2_ROLES: '{"viewer":["bob smith"]}' },
      'MM2_ROLES : viewer.0 each entry must be a user ID',
    ],
    [{ ...slackEnv, MM2_ROLES: '{"admins":[]}' }, 'MM2_ROLES'],
    [{ ...slackEnv, MM2_ROLES: '{oops' }, 'MM2_ROLES is not valid JSON'],
    [{ ...slackEnv, MM2_ROLES: 'missing.json' }, 'MM2_ROLES names a file that does not exist'],
    [{ MM2_STATE: 'redis://x' }, 'MM2_STATE must be file:<dir> or s3://bucket/prefix'],
    [{ MM2_METRICS_PORT: 'abc' }, 'MM2_METRICS_PORT must be a port number'],
  ])('%j is refused naming the variable', (env, message) => {
    expect(() => loadConfig(env as NodeJS.ProcessEnv)).toThrow(message);
  });

  test('errors never echo a token', () => {
    try {
      loadConfig({ SLACK_BOT_TOKEN: 'xoxp-secret-value-123', SLACK_APP_TOKEN: 'xapp-1' });
      throw new Error('expected a failure');
    } catch (error) {
      expect(String(error)).not.toContain('secret-value');
    }
  });
});
