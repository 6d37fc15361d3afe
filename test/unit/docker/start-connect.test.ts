import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { AUTH_MODES } from '../../../bot/domain/profile/profile-schema';

const run = promisify(execFile);
const ROOT = resolve(__dirname, '../../..');
const SCRIPT = join(ROOT, 'docker/kafka-connect/start-connect.sh');

interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

describe('docker/kafka-connect/start-connect.sh', () => {
  let dir: string;
  let libs: string;
  let base: NodeJS.ProcessEnv;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'mm2-start-connect-'));
    libs = join(dir, 'libs');
    mkdirSync(libs);
    for (const jar of [
      'connect-runtime-4.3.1.jar',
      'connect-mirror-4.3.1.jar',
      'jmx_prometheus_javaagent-1.0.1.jar',
    ])
      writeFileSync(join(libs, jar), '');
    // Only what the script needs: a PATH for sed/grep/awk, and the lab-style overrides.
    base = {
      PATH: process.env.PATH,
      CONNECT_DRY_RUN: '1',
      CONNECT_BOOTSTRAP_SERVERS: '127.0.0.1:29092',
      CONNECT_WORKERS_DIR: join(ROOT, 'connectors/workers'),
      CONNECT_CLASSPATH_DIR: libs,
      CONNECT_RUN_DIR: join(dir, 'run'),
      CONNECT_REST_HOST: '127.0.0.1',
      JMX_EXPORTER_CONFIG: join(ROOT, 'docker/kafka-connect/jmx-exporter.yml'),
    };
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** Runs the script with plain POSIX sh, as the image and the lab do. */
  async function start(env: NodeJS.ProcessEnv): Promise<Result> {
    try {
      const { stdout, stderr } = await run('sh', [SCRIPT], { env: { ...base, ...env }, timeout: 20_000 });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const e = error as { code: number; stdout: string; stderr: string };
      return { code: e.code, stdout: e.stdout, stderr: e.stderr };
    }
  }

  const property = (out: string, key: string) =>
    out
      .split('\n')
      .filter((l) => l.startsWith(`${key}=`))
      .map((l) => l.slice(key.length + 1));
  const command = (out: string) =>
    out
      .split('\n')
      .find((l) => l.startsWith('# command: '))
      ?.slice('# command: '.length) ?? '';

  it('renders the auth mode worker file from the environment and leaves provider references to Connect', async () => {
    const { code, stdout } = await start({
      CONNECT_AUTH_MODE: 'sasl-scram',
      CONNECT_GROUP_ID: 'mm2-rehearsal',
      CONNECT_REST_PORT: '18083',
      CONNECT_REPLICATION_FACTOR: '1',
    });
    expect(code).toBe(0);
    expect(property(stdout, 'bootstrap.servers')).toEqual(['127.0.0.1:29092']);
    expect(property(stdout, 'group.id')).toEqual(['mm2-rehearsal']);
    expect(property(stdout, 'listeners')).toEqual(['http://0.0.0.0:18083']);
    expect(property(stdout, 'rest.advertised.host.name')).toEqual(['127.0.0.1']);
    expect(property(stdout, 'rest.advertised.port')).toEqual(['18083']);
    expect(property(stdout, 'config.storage.replication.factor')).toEqual(['1']);
    expect(property(stdout, 'sasl.mechanism')).toEqual(['SCRAM-SHA-512']);
    expect(property(stdout, 'sasl.jaas.config')[0]).toContain(
      '${file:/opt/secrets/target-scram.properties:password}',
    );
    expect(stdout).not.toMatch(/^[^#]*\$\{[A-Z_]+\}/m);
    expect(readFileSync(join(dir, 'run/worker.properties'), 'utf8')).toContain(
      'bootstrap.servers=127.0.0.1:29092',
    );
  });

  it.each(AUTH_MODES)('%s: fills every placeholder, enables the three config providers', async (mode) => {
    const { code, stdout } = await start({ CONNECT_AUTH_MODE: mode });
    expect(code).toBe(0);
    expect(stdout).not.toMatch(/^[^#]*\$\{[A-Z_]+\}/m);
    expect(property(stdout, 'config.providers')).toEqual(['file,env,directory']);
    expect(property(stdout, 'config.providers.file.class')).toEqual([
      'org.apache.kafka.common.config.provider.FileConfigProvider',
    ]);
    expect(property(stdout, 'config.providers.env.class')).toEqual([
      'org.apache.kafka.common.config.provider.EnvVarConfigProvider',
    ]);
    expect(property(stdout, 'config.providers.directory.class')).toEqual([
      'org.apache.kafka.common.config.provider.DirectoryConfigProvider',
    ]);
    if (mode !== 'plaintext') {
      for (const prefix of ['', 'producer.', 'consumer.', 'admin.'])
        expect(property(stdout, `${prefix}security.protocol`)[0]).toMatch(/SSL/);
      expect(property(stdout, 'producer.linger.ms')).toHaveLength(1);
    }
  });

  it('defaults to the IAM worker file and the image layout', async () => {
    const { stdout } = await start({});
    expect(property(stdout, 'sasl.mechanism')).toEqual(['AWS_MSK_IAM']);
    expect(property(stdout, 'group.id')).toEqual(['mm2-connect']);
    expect(property(stdout, 'listeners')).toEqual(['http://0.0.0.0:8083']);
  });

  it('binds CONNECT_REST_LISTEN_HOST when given (the lab keeps to loopback)', async () => {
    const { stdout } = await start({ CONNECT_REST_LISTEN_HOST: '127.0.0.1', CONNECT_REST_PORT: '18083' });
    expect(property(stdout, 'listeners')).toEqual(['http://127.0.0.1:18083']);
  });

  it('runs ConnectDistributed with an explicit heap, the exporter agent, and the jar set minus the agent', async () => {
    const { stdout } = await start({
      KAFKA_HEAP_OPTS: '-Xms768m -Xmx768m',
      JMX_EXPORTER_HOST: '127.0.0.1',
      JMX_EXPORTER_PORT: '19404',
    });
    const cmd = command(stdout);
    expect(cmd).toMatch(/^java -Xms768m -Xmx768m /);
    expect(cmd).toContain(
      `-javaagent:${libs}/jmx_prometheus_javaagent-1.0.1.jar=127.0.0.1:19404:${join(ROOT, 'docker/kafka-connect/jmx-exporter.yml')}`,
    );
    const classpath = /-cp (\S+)/.exec(cmd)?.[1]?.split(':') ?? [];
    expect(classpath.sort()).toEqual([
      join(libs, 'connect-mirror-4.3.1.jar'),
      join(libs, 'connect-runtime-4.3.1.jar'),
    ]);
    expect(cmd).toMatch(/org\.apache\.kafka\.connect\.cli\.ConnectDistributed \S+\/run\/worker\.properties$/);
  });

  it('takes an explicit template, agent jar and extra properties (how the lab runs it)', async () => {
    const template = join(dir, 'custom.properties');
    const extra = join(dir, 'extra.properties');
    writeFileSync(
      template,
      'bootstrap.servers=${BOOTSTRAP_SERVERS}\nlisteners=http://${REST_HOST}:${REST_PORT}\n',
    );
    writeFileSync(extra, 'offset.flush.interval.ms=2000\n');
    const { code, stdout } = await start({
      CONNECT_WORKER_TEMPLATE: template,
      CONNECT_WORKER_EXTRA: extra,
      JMX_EXPORTER_JAR: 'none',
      JAVA: '/usr/lib/jvm/bin/java',
      CONNECT_BOOTSTRAP_SERVERS: 'a:1,b:2&c|d',
    });
    expect(code).toBe(0);
    expect(property(stdout, 'bootstrap.servers')).toEqual(['a:1,b:2&c|d']);
    expect(property(stdout, 'offset.flush.interval.ms')).toEqual(['2000']);
    expect(command(stdout)).toMatch(/^\/usr\/lib\/jvm\/bin\/java /);
    expect(command(stdout)).not.toContain('-javaagent');
  });

  it.each([
    [{ CONNECT_BOOTSTRAP_SERVERS: '' }, /set CONNECT_BOOTSTRAP_SERVERS/],
    [
      { CONNECT_AUTH_MODE: 'kerberos' },
      /CONNECT_AUTH_MODE=kerberos is not one of: plaintext, sasl-scram, mtls, iam/,
    ],
    [{ CONNECT_REST_PORT: '80a' }, /CONNECT_REST_PORT=80a is not a port number/],
    [
      { CONNECT_CLASSPATH_DIR: '/nonexistent/libs' },
      /CONNECT_CLASSPATH_DIR=\/nonexistent\/libs is not a folder/,
    ],
    [
      { CONNECT_WORKER_TEMPLATE: '/nonexistent.properties' },
      /worker template \/nonexistent.properties is missing/,
    ],
  ])('refuses %j with a message saying what to set', async (env, message) => {
    const { code, stderr, stdout } = await start(env);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(stdout).toBe('');
  });

  it('writes secrets given as variables to files for the file config provider, readable by the owner only', async () => {
    const secrets = join(dir, 'secrets');
    const { code, stdout, stderr } = await start({
      CONNECT_SECRETS_DIR: secrets,
      CONNECT_SECRET_FILES: 'source-scram.properties=CONNECT_SECRET_FILE_0',
      CONNECT_SECRET_FILE_0: 'username=mm2\npassword=s3cr3t&|x',
    });
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    // Byte for byte: no trailing newline added (the directory: provider would return it as part of a value).
    expect(readFileSync(join(secrets, 'source-scram.properties'), 'utf8')).toBe(
      'username=mm2\npassword=s3cr3t&|x',
    );
    expect(statSync(join(secrets, 'source-scram.properties')).mode & 0o777).toBe(0o600);
    expect(stdout).not.toContain('s3cr3t');
  });

  it('writes binary keystores (base64) and PEM files in a folder byte for byte (mTLS on ECS)', async () => {
    const secrets = join(dir, 'secrets-tls');
    const keystore = Buffer.from([0x30, 0x82, 0x0a, 0x00, 0xff, 0x0d, 0x0a, 0x00, 0x80]);
    const pem = '-----BEGIN PRIVATE KEY-----\nMIIB\n-----END PRIVATE KEY-----\n';
    const { code, stderr } = await start({
      CONNECT_SECRETS_DIR: secrets,
      CONNECT_SECRET_FILES: 'tls/keystore.p12=CONNECT_SECRET_FILE_0:base64 tls/key.pem=CONNECT_SECRET_FILE_1',
      CONNECT_SECRET_FILE_0: keystore.toString('base64'),
      CONNECT_SECRET_FILE_1: pem,
    });
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(readFileSync(join(secrets, 'tls/keystore.p12')).equals(keystore)).toBe(true);
    expect(readFileSync(join(secrets, 'tls/key.pem'), 'utf8')).toBe(pem);
    expect(statSync(join(secrets, 'tls')).mode & 0o777).toBe(0o700);
  });

  it.each([
    ['a.properties=MM2_UNSET', /names MM2_UNSET, which is empty or unset/],
    ['../escape=CONNECT_SECRET_FILE_0', /give file=VARIABLE with a file name or folder\/file name/],
    ['a/../../escape=CONNECT_SECRET_FILE_0', /give file=VARIABLE with a file name or folder\/file name/],
    ['a/b/c=CONNECT_SECRET_FILE_0', /give file=VARIABLE with a file name or folder\/file name/],
    ['x.properties=$(touch /tmp/owned)', /give file=VARIABLE\[:base64\] with a variable name/],
  ])('refuses the secret file entry %s', async (entry, message) => {
    const { code, stderr } = await start({
      CONNECT_SECRETS_DIR: join(dir, 'secrets-bad'),
      CONNECT_SECRET_FILES: entry,
      CONNECT_SECRET_FILE_0: 'password=s3cr3t',
    });
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(stderr).not.toContain('s3cr3t');
  });

  it('refuses a template with a placeholder it cannot fill', async () => {
    const template = join(dir, 'unknown.properties');
    writeFileSync(
      template,
      '# ${IN_A_COMMENT} is fine\nbootstrap.servers=${BOOTSTRAP_SERVERS}\nsecurity.protocol=${SECURITY_PROTOCOL}\n',
    );
    const { code, stderr } = await start({ CONNECT_WORKER_TEMPLATE: template });
    expect(code).toBe(2);
    expect(stderr).toContain('has placeholders this script does not fill: ${SECURITY_PROTOCOL}');
  });
});
