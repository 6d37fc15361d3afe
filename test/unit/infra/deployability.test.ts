// Issue 14 (deployable on the first `cdk deploy`) and the infra parts of issue 15, as synth assertions:
// each one failed on the templates before its fix.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Match } from 'aws-cdk-lib/assertions';
import { parse } from 'yaml';
import { labConfig } from '../../../infra/config/lab';
import { prodConfig } from '../../../infra/config/prod';
import { ENVIRONMENTS, type PlatformConfig } from '../../../infra/config';
import { AUDIT_PREFIXES, STATE_PREFIX } from '../../../infra/lib/config-bucket';
import { brokerProperties } from '../../../infra/lib/msk-cluster';
import { DAY_PREFIX, dayKey, recordKey } from '../../../bot/usecases/audit/audit-keys';
import {
  buildPlatform,
  logicalIdOf,
  ROOT,
  synthPlatform,
  variant,
  type Synthesized,
} from './helpers/platform';

jest.setTimeout(240_000);

type Json = Record<string, unknown>;

const resources = (s: Synthesized, type: string): Array<[string, Json & { DependsOn?: string[] }]> =>
  Object.entries(s.json.Resources)
    .filter(([, r]) => r.Type === type)
    .map(([id, r]) => [id, r as unknown as Json & { DependsOn?: string[] }]);

function container(s: Synthesized, name: string): Json {
  for (const [, r] of resources(s, 'AWS::ECS::TaskDefinition')) {
    const found = ((r.Properties as Json).ContainerDefinitions as Json[]).find((c) => c.Name === name);
    if (found) return found;
  }
  throw new Error(`no container ${name}`);
}

const env = (c: Json): Record<string, unknown> =>
  Object.fromEntries(
    (c.Environment as Array<{ Name: string; Value: unknown }>).map((e) => [e.Name, e.Value]),
  );

/** Every policy statement attached to the role of a task definition's container. */
function roleStatements(s: Synthesized, roleLogicalId: string): Json[] {
  return resources(s, 'AWS::IAM::Policy')
    .filter(([, r]) => JSON.stringify((r.Properties as Json).Roles).includes(`"${roleLogicalId}"`))
    .flatMap(([, r]) => ((r.Properties as Json).PolicyDocument as { Statement: Json[] }).Statement);
}

const roleOf = (s: Synthesized, taskRoleArn: string) =>
  (s.stack.resolve(taskRoleArn) as { 'Fn::GetAtt': [string] })['Fn::GetAtt'][0];

describe.each([
  ['lab', labConfig],
  ['prod', prodConfig],
])('the %s environment', (_name, config) => {
  let s: Synthesized;
  beforeAll(() => {
    s = synthPlatform(config);
  });
  afterAll(() => s?.dispose());

  it('defect 2/3: its profile takes the brokers from the stack, which sets them on Connect and the bot', () => {
    const profile = parse(
      readFileSync(join(ROOT, 'connectors/profiles', `${config.bot.profile}.yml`), 'utf8'),
    ) as { source: { bootstrapServers: string }; target: { bootstrapServers: string } };
    expect(profile.source.bootstrapServers).toBe('${env:MM2_SOURCE_BOOTSTRAP_SERVERS}');
    expect(profile.target.bootstrapServers).toBe('${env:MM2_TARGET_BOOTSTRAP_SERVERS}');
    for (const name of ['kafka-connect', 'bot']) {
      const e = env(container(s, name));
      for (const side of ['SOURCE', 'TARGET'] as const) {
        const value = e[`MM2_${side}_BOOTSTRAP_SERVERS`];
        expect(value).toBeDefined();
        expect(JSON.stringify(value)).not.toMatch(/127\.0\.0\.1|localhost/);
      }
    }
    const cluster = config[config.source.kind === 'external' ? 'source' : 'target'];
    if (cluster.kind === 'external')
      expect(env(container(s, 'bot')).MM2_SOURCE_BOOTSTRAP_SERVERS).toBe(cluster.bootstrapServers);
  });

  it('defect 4: every service has ECS Exec on (the way to Grafana and Prometheus through SSM)', () => {
    const services = resources(s, 'AWS::ECS::Service');
    expect(services).toHaveLength(4);
    for (const [, r] of services) expect((r.Properties as Json).EnableExecuteCommand).toBe(true);
  });

  it('defect 5: Connect scales on CPU only, and its pinned heap leaves a quarter of the task to the JVM', () => {
    expect(JSON.stringify(s.json)).not.toContain('ECSServiceAverageMemoryUtilization');
    const heap = /-Xmx(\d+)([mg])/.exec(String(env(container(s, 'kafka-connect')).KAFKA_HEAP_OPTS))!;
    const heapMiB = Number(heap[1]) * (heap[2] === 'g' ? 1024 : 1);
    expect(heapMiB).toBeLessThanOrEqual(config.connect.memoryMiB * 0.75);
  });

  it('defect 8: MM2 may write idempotently on the target it creates', () => {
    if (config.target.kind !== 'msk') return;
    const statements = roleStatements(s, roleOf(s, s.stack.connect.taskDefinition.taskRole.roleArn));
    const clusterStatement = statements.find((st) =>
      JSON.stringify(st.Resource).includes('"TargetMskCluster","Arn"'),
    );
    expect(clusterStatement?.Action).toEqual(expect.arrayContaining(['kafka-cluster:WriteDataIdempotently']));
  });

  it('defect 9: Connect and the bot start only after connectors/ is in the bucket; the worker digest rolls tasks', () => {
    const [deployment] = resources(s, 'Custom::CDKBucketDeployment');
    expect(deployment).toBeDefined();
    const dependsOn = (name: string) =>
      resources(s, 'AWS::ECS::Service').find(([, r]) => (r.Properties as Json).ServiceName === name)![1]
        .DependsOn ?? [];
    expect(dependsOn('kafka-connect')).toContain(deployment![0]);
    expect(dependsOn('mm2-bot')).toContain(deployment![0]);
    expect(env(container(s, 'kafka-connect')).CONNECT_WORKER_DIGEST).toMatch(/^[0-9a-f]{16}$/);
  });

  it('defect 11: owned MSK clusters get a configuration, storage autoscaling and open monitoring, scraped by Prometheus', () => {
    if (config.target.kind !== 'msk') return;
    s.template.hasResourceProperties('AWS::MSK::Configuration', {
      ServerProperties: Match.stringLikeRegexp('unclean.leader.election.enable=false'),
    });
    s.template.hasResourceProperties('AWS::MSK::Cluster', {
      ConfigurationInfo: { Arn: Match.anyValue(), Revision: 1 },
      OpenMonitoring: {
        Prometheus: { JmxExporter: { EnabledInBroker: true }, NodeExporter: { EnabledInBroker: true } },
      },
    });
    s.template.hasResourceProperties('AWS::ApplicationAutoScaling::ScalableTarget', {
      ScalableDimension: 'kafka:broker-storage:VolumeSize',
      MinCapacity: config.target.volumeSizeGiB,
    });
    s.template.hasResourceProperties('AWS::ApplicationAutoScaling::ScalingPolicy', {
      TargetTrackingScalingPolicyConfiguration: Match.objectLike({
        PredefinedMetricSpecification: { PredefinedMetricType: 'KafkaBrokerStorageUtilization' },
      }),
    });
    expect(env(container(s, 'prometheus')).MSK_BROKERS).toBeDefined();
    s.template.hasResourceProperties('AWS::EC2::SecurityGroupIngress', {
      FromPort: 11001,
      ToPort: 11002,
      Description: Match.stringLikeRegexp('open monitoring'),
    });
  });

  it('issue 15 item 8: the bot cannot update the Connect service, nor delete or overwrite an audit record', () => {
    const statements = roleStatements(s, roleOf(s, s.stack.bot.taskRole.roleArn));
    // UpdateService only on the migrating applications' services the cutover may move, never on Connect.
    const connectService = JSON.stringify({ Ref: logicalIdOf(s.stack, s.stack.connect.service.serviceArn) });
    const updates = statements.filter((st) => JSON.stringify(st.Action).includes('ecs:UpdateService'));
    for (const st of updates) expect(st.Sid).toBe('CutoverServicesOnly');
    for (const st of updates) expect(JSON.stringify(st.Resource)).not.toContain(connectService);
    const policy = resources(s, 'AWS::S3::BucketPolicy').find(
      ([, r]) => JSON.stringify((r.Properties as Json).Bucket) === '{"Ref":"ConfigBucket"}',
    )![1];
    const denies = ((policy.Properties as Json).PolicyDocument as { Statement: Json[] }).Statement.filter(
      (st) =>
        st.Effect === 'Deny' &&
        JSON.stringify(st.Principal).includes(roleOf(s, s.stack.bot.taskRole.roleArn)),
    );
    const text = JSON.stringify(denies);
    for (const prefix of AUDIT_PREFIXES) expect(text).toContain(`/${STATE_PREFIX}${prefix}*`);
    const neverDeleted = denies.find((st) => st.Sid === 'AuditTrailNeverDeleted')!;
    expect(neverDeleted.Action).toEqual(
      expect.arrayContaining(['s3:DeleteObject', 's3:DeleteObjectVersion']),
    );
    const writeOnce = denies.find((st) => st.Sid === 'AuditTrailWriteOnce')!;
    expect(writeOnce).toMatchObject({
      Action: 's3:PutObject',
      Condition: { Null: { 's3:if-none-match': 'true' } },
    });
  });

  it('issue 15 item 10: the bot health check asks /healthz, which follows the Socket Mode connection', () => {
    const check = (container(s, 'bot').HealthCheck as { Command: string[] }).Command.join(' ');
    expect(check).toContain('/healthz');
    expect(check).not.toContain('/metrics');
  });
});

describe('what the templates do not show', () => {
  it('issue 15 item 8: the protected prefixes are where the bot writes its audit records', () => {
    const keys = [recordKey('2026-12-02', '01J'), dayKey('2026-12-02')];
    for (const key of keys) expect(AUDIT_PREFIXES.some((p) => key.startsWith(p))).toBe(true);
    expect(AUDIT_PREFIXES).toContain(DAY_PREFIX);
  });

  it('defect 5: a heap above 75 % of the task memory is refused with a message naming both settings', () => {
    const big = variant(prodConfig, (c) => ({ ...c, connect: { ...c.connect, heap: '3500m' } }));
    expect(() => buildPlatform(big)).toThrow(
      /connect\.heap 3500m is more than 75 % of connect\.memoryMiB 4096/,
    );
  });

  it('defect 11: brokers never elect an unclean leader, never auto-create topics, and keep acks=all writable', () => {
    expect(brokerProperties(3)).toContain('min.insync.replicas=2');
    expect(brokerProperties(2)).toContain('min.insync.replicas=1');
    expect(brokerProperties(2)).toContain('auto.create.topics.enable=false');
  });

  it('defect 7: an external IAM cluster needs its ARN', () => {
    const noArn = variant(prodConfig, (c) => ({
      ...c,
      source: { kind: 'external', bootstrapServers: 'b-1.src:9098', authMode: 'iam' },
    }));
    expect(() => buildPlatform(noArn)).toThrow(
      /source: an external cluster with authMode iam needs clusterArn/,
    );
  });

  it('defect 10: the alert rules cite no file outside the repository', () => {
    const rules = readFileSync(join(ROOT, 'docker/prometheus/rules/mm2-alerts.yml'), 'utf8');
    expect(rules).not.toMatch(/\/work\/|notes\/metrics\.md/);
  });
});

describe('an external MSK source with IAM and a known security group (defect 7)', () => {
  const arn = 'arn:aws:kafka:eu-west-1:111122223333:cluster/legacy/0a1b2c3d-1111-2222-3333-444455556666-2';
  let s: Synthesized;
  beforeAll(() => {
    const config: PlatformConfig = variant(prodConfig, (c) => ({
      ...c,
      source: {
        kind: 'external',
        bootstrapServers:
          'b-1.legacy.kafka.eu-west-1.amazonaws.com:9098,b-2.legacy.kafka.eu-west-1.amazonaws.com:9098',
        authMode: 'iam',
        clusterArn: arn,
        securityGroupId: 'sg-0123456789abcdef0',
      },
      bot: { ...c.bot, kafkaPasswordSecrets: undefined },
      connect: { ...c.connect, secretFiles: undefined },
    }));
    s = synthPlatform(config);
  });
  afterAll(() => s?.dispose());

  it('grants Connect read access and the bot describe access on the cluster, its topics and groups', () => {
    const connect = JSON.stringify(
      roleStatements(s, roleOf(s, s.stack.connect.taskDefinition.taskRole.roleArn)),
    );
    expect(connect).toContain(arn);
    expect(connect).toContain(
      'arn:aws:kafka:eu-west-1:111122223333:topic/legacy/0a1b2c3d-1111-2222-3333-444455556666-2/*',
    );
    expect(connect).toContain('kafka-cluster:ReadData');
    const bot = JSON.stringify(roleStatements(s, roleOf(s, s.stack.bot.taskRole.roleArn)));
    expect(bot).toContain(
      'arn:aws:kafka:eu-west-1:111122223333:group/legacy/0a1b2c3d-1111-2222-3333-444455556666-2/*',
    );
  });

  it('opens the brokers security group to Connect and the bot on the bootstrap port', () => {
    const rules = resources(s, 'AWS::EC2::SecurityGroupIngress')
      .map(([, r]) => r.Properties as Json)
      .filter((p) => p.GroupId === 'sg-0123456789abcdef0');
    expect(rules.map((r) => r.FromPort)).toEqual([9098, 9098]);
  });
});

describe('a changed worker file (defect 9)', () => {
  it('changes the Connect task definition, so a deploy rolls the workers', () => {
    const copy = mkdtempSync(join(tmpdir(), 'mm2-connectors-'));
    try {
      cpSync(join(ROOT, 'connectors'), copy, { recursive: true });
      const digestWith = (dir: string) => {
        const built = buildPlatform(labConfig, undefined, dir);
        try {
          return built.stack.resolve(built.stack.configBucket.digestOf('workers/iam.properties')) as string;
        } finally {
          built.dispose();
        }
      };
      const before = digestWith(copy);
      writeFileSync(join(copy, 'workers/iam.properties'), '# changed\n', { flag: 'a' });
      expect(digestWith(copy)).not.toBe(before);
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });

  it('every registered environment is checked here', () => {
    expect(Object.keys(ENVIRONMENTS).sort()).toEqual(['lab', 'prod']);
  });
});
