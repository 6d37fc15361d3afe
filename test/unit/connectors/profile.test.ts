import { AppError } from '../../../bot/domain/errors';
import { parseProfile } from '../../../bot/domain/profile/parse-profile';
import { labProfile, labProfileText } from './helpers';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './helpers';

const errorOf = (text: string): AppError => {
  try {
    parseProfile(text, 'lab.yml');
  } catch (error) {
    return error as AppError;
  }
  throw new Error('expected the profile to be rejected');
};

describe('migration profile', () => {
  it('parses the lab profile with its defaults', () => {
    const p = labProfile();
    expect(p.source).toMatchObject({
      alias: 'source',
      bootstrapServers: '${env:MM2_SOURCE_BOOTSTRAP_SERVERS}',
      auth: { mode: 'plaintext' },
    });
    expect(p.target.bootstrapServers).toBe('${env:MM2_TARGET_BOOTSTRAP_SERVERS}');
    expect(p.connectors).toEqual({
      source: 'mm2-source',
      checkpoint: 'mm2-checkpoint',
      heartbeat: 'mm2-heartbeat',
    });
    expect(p.replicationFactor).toBe(1);
    expect(p.topics.include).toEqual(expect.arrayContaining(['orders', 'clicks', 'payments']));
  });

  it('parses the MSK example (SCRAM source, IAM target)', () => {
    const p = parseProfile(
      readFileSync(join(ROOT, 'connectors/profiles/example-msk.yml'), 'utf8'),
      'example-msk.yml',
    );
    expect(p.source.auth.mode).toBe('sasl-scram');
    expect(p.target.auth.mode).toBe('iam');
  });

  it('names the missing field', () => {
    const e = errorOf(
      labProfileText().replace('  bootstrapServers: ${env:MM2_SOURCE_BOOTSTRAP_SERVERS}\n', ''),
    );
    expect(e.code).toBe('CONFIG_INVALID');
    expect(e.message).toBe('profile lab.yml: source.bootstrapServers: required');
  });

  it('names a wrongly typed field and an unknown one', () => {
    const e = errorOf(labProfileText().replace('tasksMax: 2', 'tasksMax: many\ntaskMax: 2'));
    expect(e.message).toContain('profile lab.yml: tasksMax:');
    expect(e.message).toContain('unknown field(s) taskMax');
  });

  it('refuses a literal password without echoing it', () => {
    const text = labProfileText().replace(
      '  bootstrapServers: ${env:MM2_SOURCE_BOOTSTRAP_SERVERS}\n  auth: { mode: plaintext }',
      '  bootstrapServers: 127.0.0.1:19092\n  auth: { mode: sasl-scram, username: mm2, password: "Hunter2-literal" }',
    );
    const e = errorOf(text);
    expect(e.message).toContain('source.auth.password: must be a Connect config provider reference');
    expect(e.message).not.toContain('Hunter2-literal');
  });

  it('refuses a literal secret in overrides', () => {
    const e = errorOf(
      `${labProfileText()}overrides:\n  source:\n    source.cluster.ssl.key.password: plain-key-pass\n`,
    );
    expect(e.message).toContain('overrides.source.source.cluster.ssl.key.password');
    expect(e.message).not.toContain('plain-key-pass');
  });

  it('refuses a topic pattern with a comma or a broken regex, and equal aliases', () => {
    expect(errorOf(labProfileText().replace('payments]', "payments, 'a,b']")).message).toContain(
      'topics.include.3: a pattern cannot contain ","',
    );
    expect(errorOf(labProfileText().replace('payments]', "payments, '([']")).message).toContain(
      'not a valid regular expression',
    );
    expect(errorOf(labProfileText().replace('alias: target', 'alias: source')).message).toContain(
      'target.alias: must differ',
    );
  });

  it('refuses thresholds where amber is not below red', () => {
    expect(
      errorOf(
        labProfileText().replace(
          'lagRecords: { amber: 1000, red: 10000 }',
          'lagRecords: { amber: 10, red: 5 }',
        ),
      ).message,
    ).toContain('checks.lagRecords.amber: amber must be below red');
  });

  it('reports broken YAML as such', () => {
    expect(errorOf('source: [').message).toMatch(/^profile lab.yml: not valid YAML/);
  });
});
