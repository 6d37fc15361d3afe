import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDeployCommand } from '../../../bot/commands/deploy';
import { createConfigCommand } from '../../../bot/commands/config';
import { createRedactor } from '../../../bot/domain/redactor';
import { diffConfigs } from '../../../bot/usecases/connectors/config-diff';
import { diffText } from '../../../bot/usecases/connectors/diff-text';
import { parseProfile } from '../../../bot/domain/profile/parse-profile';
import { AUTH_MODES, type AuthMode, type ClusterAuth } from '../../../bot/domain/profile/profile-schema';
import { renderConnectors } from '../../../bot/usecases/profile/render-connectors';
import { renderTemplate } from '../../../bot/usecases/profile/render-template';
import { InMemoryConnect } from './in-memory-connect';
import { allText, ctx, labProfileText, passThroughRedactor, repoTemplates, ROOT, testDeps } from './helpers';

const IDENTITY = 'org.apache.kafka.connect.mirror.IdentityReplicationPolicy';
const SEEDED = ['Seeded-Scram-Pa55!', 'Seeded-Keystore-Pa55', 'Seeded-Key-Pa55', 'Seeded-Truststore-Pa55'];

/** Secrets live only in provider files; the profile references them. */
function seededProfileText(mode: AuthMode, dir: string): string {
  writeFileSync(join(dir, 'scram.properties'), `username=mm2\npassword=${SEEDED[0]}\n`);
  writeFileSync(join(dir, 'keystore.password'), SEEDED[1]!);
  writeFileSync(join(dir, 'key.password'), SEEDED[2]!);
  writeFileSync(join(dir, 'truststore.password'), SEEDED[3]!);
  const auth: Record<AuthMode, string> = {
    plaintext: '{ mode: plaintext }',
    'sasl-scram': `{ mode: sasl-scram, username: '\${file:${dir}/scram.properties:username}', password: '\${file:${dir}/scram.properties:password}' }`,
    mtls:
      `{ mode: mtls, truststoreLocation: ${dir}/truststore.p12, truststorePassword: '\${directory:${dir}:truststore.password}',` +
      ` keystoreLocation: ${dir}/keystore.p12, keystorePassword: '\${directory:${dir}:keystore.password}', keyPassword: '\${env:MM2_KEY_PASSWORD}' }`,
    iam: '{ mode: iam }',
  };
  return labProfileText().replace(/auth: \{ mode: plaintext \}/g, `auth: ${auth[mode]}`);
}

describe('rendering the MM2 connectors for every auth mode', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'mm2-secrets-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each(AUTH_MODES)(
    '%s: three connectors, identity policy everywhere, secrets only as provider references',
    async (mode) => {
      const profile = parseProfile(seededProfileText(mode, dir), 'seeded.yml');
      const rendered = renderConnectors(profile, repoTemplates());
      expect(rendered.map((r) => r.connectorClass.split('.').pop())).toEqual([
        'MirrorSourceConnector',
        'MirrorCheckpointConnector',
        'MirrorHeartbeatConnector',
      ]);
      for (const r of rendered) {
        expect(r.config['replication.policy.class']).toBe(IDENTITY);
        expect(r.config.name).toBe(r.name);
        expect(JSON.stringify(r.config)).not.toMatch(/\{\{/);
      }
      const text = JSON.stringify(rendered);
      for (const secret of SEEDED) expect(text).not.toContain(secret);
      const source = rendered[0]!.config;
      const expected: Record<AuthMode, Record<string, string | RegExp>> = {
        plaintext: { 'source.cluster.security.protocol': 'PLAINTEXT' },
        'sasl-scram': {
          'source.cluster.security.protocol': 'SASL_SSL',
          'target.cluster.sasl.jaas.config': new RegExp(
            `password="\\$\\{file:${dir}/scram.properties:password\\}"`,
          ),
        },
        mtls: {
          'source.cluster.security.protocol': 'SSL',
          'target.cluster.ssl.keystore.password': `\${directory:${dir}:keystore.password}`,
          'target.cluster.ssl.key.password': '${env:MM2_KEY_PASSWORD}',
        },
        iam: { 'target.cluster.sasl.mechanism': 'AWS_MSK_IAM' },
      };
      for (const [key, value] of Object.entries(expected[mode])) {
        if (typeof value === 'string') expect(source[key]).toBe(value);
        else expect(source[key]).toMatch(value);
      }

      // Views built from these configs (deploy diff, running config) carry no seeded secret either,
      // even with a redactor that hides nothing.
      const connect = new InMemoryConnect();
      const deps = testDeps(connect, () => profile, passThroughRedactor);
      const dryRun = await createDeployCommand(deps).run(ctx(), { target: 'all', dryRun: true });
      await createDeployCommand(deps).run(ctx(), { target: 'all', dryRun: false });
      const config = await createConfigCommand(deps).run(ctx(), { name: profile.connectors.source });
      const diff = diffText('x', diffConfigs(undefined, source), passThroughRedactor);
      for (const secret of SEEDED) {
        expect(allText(dryRun)).not.toContain(secret);
        expect(allText(config)).not.toContain(secret);
        expect(diff).not.toContain(secret);
      }
      expect(allText(config)).toContain('security.protocol');

      // The real redactor keeps the provider references readable (they are not secrets).
      const redacted = testDeps(connect, () => profile, createRedactor({ secrets: SEEDED }));
      const shown = allText(
        await createConfigCommand(redacted).run(ctx(), { name: profile.connectors.source }),
      );
      for (const secret of SEEDED) expect(shown).not.toContain(secret);
      if (mode === 'sasl-scram') expect(shown).toContain(`\${file:${dir}/scram.properties:password}`);
      if (mode === 'mtls') expect(shown).toContain(`\${directory:${dir}:keystore.password}`);
    },
  );

  it('keeps Connect provider references intact and names an unknown placeholder', () => {
    expect(renderTemplate({ file: 't.yml', text: "a: '${file:/x:y} {{v}}'" }, { v: '1' })).toEqual({
      a: '${file:/x:y} 1',
    });
    expect(() => renderTemplate({ file: 't.yml', text: "a: '{{nope}}'" }, { v: '1' })).toThrow(
      'template t.yml: a: unknown placeholder {{nope}}',
    );
  });

  it('lab: replication factor 1, short intervals, group offset sync on, offset syncs on the target', () => {
    const rendered = renderConnectors(parseProfile(labProfileText(), 'lab.yml'), repoTemplates());
    const [source, checkpoint, heartbeat] = rendered.map((r) => r.config);
    expect(source!['replication.factor']).toBe('1');
    expect(source!['offset-syncs.topic.location']).toBe('target');
    expect(source!['topics']).toBe('orders,clicks,payments');
    expect(checkpoint!['sync.group.offsets.enabled']).toBe('true');
    expect(checkpoint!['emit.checkpoints.interval.seconds']).toBe('5');
    expect(checkpoint!['offset-syncs.topic.location']).toBe('target');
    expect(heartbeat!['heartbeats.topic.replication.factor']).toBe('1');
    expect(heartbeat!['tasks.max']).toBe('1');
  });

  it('every throughput setting in the templates carries a one-line reason', () => {
    const text = readFileSync(join(ROOT, 'connectors/templates/mirror-source.yml'), 'utf8');
    const lines = text.split('\n');
    for (const key of [
      'source.consumer.max.poll.records',
      'source.consumer.max.partition.fetch.bytes',
      'offset.lag.max',
      'sync.topic.acls.enabled',
    ]) {
      const i = lines.findIndex((l) => l.startsWith(`${key}:`));
      expect(i).toBeGreaterThan(0);
      expect(lines[i - 1]).toMatch(/^# \S/);
    }
  });

  it('no template or worker file holds a literal secret', () => {
    const files = [
      ...readdirSync(join(ROOT, 'connectors/workers')).map((f) => `connectors/workers/${f}`),
      ...readdirSync(join(ROOT, 'connectors/templates/auth')).map((f) => `connectors/templates/auth/${f}`),
    ];
    for (const file of files) {
      for (const line of readFileSync(join(ROOT, file), 'utf8').split('\n')) {
        if (line.startsWith('#')) continue;
        const m = /(password|jaas\.config)[=:]\s*(.*)$/.exec(line);
        if (m && !/IAMLoginModule/.test(m[2]!)) expect(m[2]).toMatch(/\$\{(file|env|directory):|\{\{auth\./);
      }
    }
  });

  it('an auth block of the wrong shape names its field', () => {
    const text = labProfileText().replace('auth: { mode: plaintext }', 'auth: { mode: kerberos }');
    expect(() => parseProfile(text, 'x.yml')).toThrow(/profile x.yml: source.auth.mode/);
    const auth: ClusterAuth = { mode: 'iam' };
    expect(auth.mode).toBe('iam');
  });
});
