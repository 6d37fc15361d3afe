import { Match } from 'aws-cdk-lib/assertions';
import { labConfig } from '../../../infra/config/lab';
import { prodConfig } from '../../../infra/config/prod';
import { logicalIdOf, synthPlatform, variant, type Synthesized } from './helpers/platform';

// Building and synthesizing the stack takes seconds on a shared 2-core machine.
jest.setTimeout(120_000);

type Json = Record<string, unknown>;

function resourcesOfType(s: Synthesized, type: string): Array<[string, Json]> {
  return Object.entries(s.json.Resources)
    .filter(([, r]) => r.Type === type)
    .map(([id, r]) => [id, (r.Properties ?? {}) as Json]);
}

/** Every ingress rule that opens a security group, inline or as a separate resource. */
function ingressOf(s: Synthesized, groupLogicalId: string): Json[] {
  const inline = (
    (s.json.Resources[groupLogicalId]?.Properties?.SecurityGroupIngress as Json[] | undefined) ?? []
  ).map((rule) => rule);
  const separate = resourcesOfType(s, 'AWS::EC2::SecurityGroupIngress')
    .map(([, p]) => p)
    .filter((p) => JSON.stringify(p.GroupId).includes(`"${groupLogicalId}"`));
  return [...inline, ...separate];
}

function containers(s: Synthesized, taskLogicalId: string): Json[] {
  return s.json.Resources[taskLogicalId]?.Properties?.ContainerDefinitions as Json[];
}

function envNames(container: Json): string[] {
  return ((container.Environment as Array<{ Name: string }>) ?? []).map((e) => e.Name).sort();
}

describe('the lab stack', () => {
  let lab: Synthesized;
  beforeAll(() => {
    lab = synthPlatform(labConfig);
  });
  afterAll(() => lab?.dispose());

  it('creates the target and source MSK clusters with IAM auth, TLS, a KMS key and broker logs', () => {
    lab.template.resourceCountIs('AWS::MSK::Cluster', 2);
    lab.template.hasResourceProperties('AWS::MSK::Cluster', {
      ClusterName: 'mm2-lab-target',
      ClientAuthentication: { Sasl: { Iam: { Enabled: true } }, Unauthenticated: { Enabled: false } },
      EncryptionInfo: {
        EncryptionInTransit: { ClientBroker: 'TLS', InCluster: true },
        EncryptionAtRest: { DataVolumeKMSKeyId: { 'Fn::GetAtt': ['TargetMskClusterDataKey', 'Arn'] } },
      },
      LoggingInfo: { BrokerLogs: { CloudWatchLogs: { Enabled: true } } },
    });
    lab.template.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
  });

  it('turns Container Insights on for the ECS cluster', () => {
    lab.template.hasResourceProperties('AWS::ECS::Cluster', {
      ClusterSettings: [{ Name: 'containerInsights', Value: 'enabled' }],
    });
  });

  it('runs Connect privately, registered in Cloud Map, with a circuit breaker and a REST health check', () => {
    const connectService = logicalIdOf(lab.stack, lab.stack.connect.service.serviceArn);
    const props = lab.json.Resources[connectService]!.Properties as Json;
    expect(props).toMatchObject({
      LaunchType: 'FARGATE',
      ServiceName: 'kafka-connect',
      DeploymentConfiguration: {
        DeploymentCircuitBreaker: { Enable: true, Rollback: true },
        MinimumHealthyPercent: 100,
      },
      NetworkConfiguration: { AwsvpcConfiguration: { AssignPublicIp: 'DISABLED' } },
    });
    expect(props.ServiceRegistries).toHaveLength(1);
    lab.template.hasResourceProperties('AWS::ServiceDiscovery::Service', {
      Name: 'connect',
      DnsConfig: { DnsRecords: [{ Type: 'A', TTL: 10 }] },
    });
    const [sync, connect] = containers(
      lab,
      logicalIdOf(lab.stack, lab.stack.connect.taskDefinition.taskDefinitionArn),
    );
    expect(connect).toMatchObject({
      Name: 'kafka-connect',
      Essential: true,
      HealthCheck: { Command: ['CMD-SHELL', 'curl -fsS http://127.0.0.1:8083/ >/dev/null || exit 1'] },
      DependsOn: [{ ContainerName: 'worker-config', Condition: 'SUCCESS' }],
      PortMappings: [
        expect.objectContaining({ ContainerPort: 8083 }),
        expect.objectContaining({ ContainerPort: 9404 }),
      ],
    });
    expect(envNames(connect!)).toEqual([
      'CONNECT_AUTH_MODE',
      'CONNECT_BOOTSTRAP_SERVERS',
      'CONNECT_GROUP_ID',
      'CONNECT_REPLICATION_FACTOR',
      'CONNECT_REST_PORT',
      'CONNECT_WORKER_DIGEST',
      'CONNECT_WORKER_TEMPLATE',
      'JMX_EXPORTER_PORT',
      'KAFKA_HEAP_OPTS',
      'MM2_SOURCE_BOOTSTRAP_SERVERS',
      'MM2_TARGET_BOOTSTRAP_SERVERS',
    ]);
    // The worker config is the auth mode's file from connectors/workers/, copied from the config bucket.
    expect(JSON.stringify(sync!.Command)).toContain('/config/workers/iam.properties');
    expect(sync).toMatchObject({ Name: 'worker-config', Essential: false });
  });

  it('scales Connect on CPU only (a pinned heap keeps memory flat), with the configured bounds and cooldowns', () => {
    lab.template.hasResourceProperties('AWS::ApplicationAutoScaling::ScalableTarget', {
      MinCapacity: labConfig.connect.minTasks,
      MaxCapacity: labConfig.connect.maxTasks,
      ScalableDimension: 'ecs:service:DesiredCount',
    });
    lab.template.hasResourceProperties('AWS::ApplicationAutoScaling::ScalingPolicy', {
      PolicyType: 'TargetTrackingScaling',
      TargetTrackingScalingPolicyConfiguration: {
        PredefinedMetricSpecification: { PredefinedMetricType: 'ECSServiceAverageCPUUtilization' },
        TargetValue: labConfig.connect.cpuTargetPercent,
        ScaleInCooldown: labConfig.connect.scaleInCooldownSeconds,
        ScaleOutCooldown: labConfig.connect.scaleOutCooldownSeconds,
      },
    });
    expect(JSON.stringify(lab.json)).not.toContain('ECSServiceAverageMemoryUtilization');
  });

  it('points Prometheus at the Connect and bot DNS names', () => {
    const [prometheus] = containers(
      lab,
      logicalIdOf(lab.stack, lab.stack.prometheus.service.taskDefinition.taskDefinitionArn),
    );
    expect(prometheus!.Environment).toEqual(
      expect.arrayContaining([
        { Name: 'CONNECT_DNS_NAME', Value: 'connect.mm2.internal' },
        { Name: 'CONNECT_METRICS_PORT', Value: '9404' },
        { Name: 'BOT_DNS_NAME', Value: 'bot.mm2.internal' },
        { Name: 'BOT_METRICS_PORT', Value: '9102' },
      ]),
    );
  });

  it('gives Grafana its admin password from Secrets Manager', () => {
    const [grafana] = containers(
      lab,
      logicalIdOf(lab.stack, lab.stack.grafana.service.taskDefinition.taskDefinitionArn),
    );
    expect(grafana!.Secrets).toEqual([
      { Name: 'GF_SECURITY_ADMIN_PASSWORD', ValueFrom: { Ref: 'GrafanaAdminPassword' } },
    ]);
    expect(JSON.stringify(grafana!.Environment)).not.toMatch(/PASSWORD/);
  });

  it('sets every variable the bot reads, with the Slack tokens as secrets', () => {
    const [bot] = containers(
      lab,
      logicalIdOf(lab.stack, lab.stack.bot.service.taskDefinition.taskDefinitionArn),
    );
    expect(envNames(bot!)).toEqual([
      'AWS_REGION',
      'CONNECT_URL',
      'GRAFANA_URL',
      'MM2_CHANNELS',
      'MM2_ECS_CLUSTER',
      'MM2_ECS_SERVICE',
      'MM2_METRICS_PORT',
      'MM2_PROFILE',
      'MM2_ROLES',
      'MM2_SOURCE_BOOTSTRAP_SERVERS',
      'MM2_STATE',
      'MM2_TARGET_BOOTSTRAP_SERVERS',
      'PROMETHEUS_URL',
    ]);
    const env = Object.fromEntries(
      (bot!.Environment as Array<{ Name: string; Value: unknown }>).map((e) => [e.Name, e.Value]),
    );
    expect(env.CONNECT_URL).toBe('http://connect.mm2.internal:8083');
    expect(env.MM2_METRICS_PORT).toBe('9102');
    expect(JSON.parse(env.MM2_ROLES as string)).toEqual(labConfig.bot.roles);
    expect(JSON.stringify(env.MM2_STATE)).toMatch(/s3:\/\/.*ConfigBucket.*\/state"/);
    expect(JSON.stringify(env.MM2_PROFILE)).toMatch(/ConfigBucket.*\/config\/profiles\/aws-lab\.yml/);
    const secrets = bot!.Secrets as Array<{ Name: string; ValueFrom: unknown }>;
    expect(secrets.map((s) => s.Name).sort()).toEqual(['SLACK_APP_TOKEN', 'SLACK_BOT_TOKEN']);
    expect(JSON.stringify(secrets)).toContain(':secret:mm2/lab/slack-tokens:botToken::');
  });

  it('lets nothing reach the bot but Prometheus on the metrics port', () => {
    const botGroup = logicalIdOf(lab.stack, lab.stack.bot.securityGroup.securityGroupId);
    const prometheusGroup = logicalIdOf(lab.stack, lab.stack.prometheus.securityGroup.securityGroupId);
    const rules = ingressOf(lab, botGroup);
    expect(rules).toHaveLength(1);
    expect(rules[0]).toMatchObject({
      FromPort: 9102,
      ToPort: 9102,
      SourceSecurityGroupId: { 'Fn::GetAtt': [prometheusGroup, 'GroupId'] },
    });
  });

  it('scopes the bot role to the Connect service, autoscaling reads, its image and two bucket prefixes', () => {
    const role = logicalIdOf(lab.stack, lab.stack.bot.taskRole.roleArn);
    const policies = resourcesOfType(lab, 'AWS::IAM::Policy').filter(([, p]) =>
      JSON.stringify(p.Roles).includes(`"${role}"`),
    );
    const statements = policies.flatMap(([, p]) => (p.PolicyDocument as { Statement: Json[] }).Statement);
    const actions = statements.flatMap((s) => [s.Action].flat() as string[]);
    expect(actions.filter((a) => a.includes('*'))).toEqual([]);
    // Read only: no code of the bot updates the Connect service (issue 15, item 8).
    expect(actions.filter((a) => a.startsWith('ecs:')).sort()).toEqual([
      'ecs:DescribeServices',
      'ecs:DescribeServices',
      'ecs:DescribeTaskDefinition',
      'ecs:RegisterTaskDefinition',
      'ecs:UpdateService',
    ]);
    const connectService = logicalIdOf(lab.stack, lab.stack.connect.service.serviceArn);
    const serviceActions = /"ecs:(DescribeServices|UpdateService)"/;
    const scoped = statements.filter((st) => serviceActions.test(JSON.stringify(st.Action)));
    expect(scoped.filter((s) => s.Sid !== 'CutoverServicesOnly').map((s) => s.Resource)).toEqual([
      { Ref: connectService },
    ]);
    // The cutover may touch exactly the migrating applications' services named in the config.
    const cutover = JSON.stringify(scoped.find((s) => s.Sid === 'CutoverServicesOnly')?.Resource);
    expect(cutover.match(/:service\/mm2-lab\/[a-z-]+/g)).toEqual([
      ':service/mm2-lab/ledger-consumer',
      ':service/mm2-lab/ledger-producer',
    ]);
    // Only read-only actions without resource-level permissions may use Resource "*".
    const wildcardResources = statements.filter((s) => s.Resource === '*').flatMap((s) => [s.Action].flat());
    expect(wildcardResources.length).toBeGreaterThan(0);
    for (const action of wildcardResources)
      expect(action).toMatch(
        // ECS Exec: the SSM channel and its session logs, which allow no resource-level permissions.
        /^(application-autoscaling:Describe\w+|ecs:DescribeTaskDefinition|ecs:RegisterTaskDefinition|ssmmessages:(Create|Open)(Control|Data)Channel|logs:(CreateLogStream|DescribeLogGroups|DescribeLogStreams|PutLogEvents))$/,
      );
    const s3 = statements.filter((s) => JSON.stringify(s.Action).includes('"s3:'));
    const objectPrefixes = s3.map((s) => JSON.stringify(s.Resource)).filter((r) => r.includes('/'));
    expect(objectPrefixes.every((r) => r.includes('/config/*') || r.includes('/state/*'))).toBe(true);
    const putStatements = s3.filter((s) => JSON.stringify(s.Action).includes('s3:PutObject'));
    expect(putStatements.every((s) => JSON.stringify(s.Resource).includes('/state/*'))).toBe(true);
  });

  it('keeps the config bucket versioned, encrypted, private and TLS only, and deploys connectors/ under config/', () => {
    lab.template.hasResourceProperties('AWS::S3::Bucket', {
      VersioningConfiguration: { Status: 'Enabled' },
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
      },
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      LoggingConfiguration: Match.objectLike({ DestinationBucketName: { Ref: 'ConfigAccessLogsBucket' } }),
    });
    lab.template.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: 'ConfigBucket' },
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
    lab.template.hasResourceProperties('Custom::CDKBucketDeployment', {
      DestinationBucketName: { Ref: 'ConfigBucket' },
      DestinationBucketKeyPrefix: 'config/',
    });
  });

  it('gives every log group a retention', () => {
    const groups = resourcesOfType(lab, 'AWS::Logs::LogGroup');
    expect(groups.length).toBeGreaterThanOrEqual(6);
    for (const [, props] of groups) expect(props.RetentionInDays).toBe(labConfig.logRetention);
  });

  it('outputs every URL and name an operator needs', () => {
    const outputs = Object.keys(lab.json.Outputs ?? {});
    expect(outputs).toEqual(
      expect.arrayContaining([
        'ConnectUrl',
        'PrometheusUrl',
        'GrafanaUrl',
        'GrafanaAdminSecretArn',
        'SlackTokensSecretName',
        'ConfigBucketName',
        'BotStateUri',
        'BotProfileUri',
        'EcsClusterName',
        'ConnectServiceName',
        'TargetBootstrapServers',
        'TargetClusterArn',
      ]),
    );
    const imageOutputs = Object.keys(lab.imagesTemplate.toJSON().Outputs as Record<string, unknown>);
    expect(imageOutputs.filter((o) => !o.startsWith('ExportsOutput')).sort()).toEqual([
      'BotRepositoryUri',
      'GrafanaRepositoryUri',
      'KafkaConnectRepositoryUri',
      'PrometheusRepositoryUri',
    ]);
  });

  it('keeps images in immutable, scanned repositories of their own stack', () => {
    lab.imagesTemplate.resourceCountIs('AWS::ECR::Repository', 4);
    lab.imagesTemplate.hasResourceProperties('AWS::ECR::Repository', {
      RepositoryName: 'mm2-lab/kafka-connect',
      ImageTagMutability: 'IMMUTABLE',
      ImageScanningConfiguration: { ScanOnPush: true },
    });
    expect(lab.stack.dependencies.map((d) => d.stackName)).toEqual(['Mm2ChatopsLabImages']);
  });

  it('lets the lab be destroyed with the stack', () => {
    for (const [, r] of Object.entries(lab.json.Resources).filter(([, r]) => r.Type === 'AWS::MSK::Cluster'))
      expect(r.DeletionPolicy).toBe('Delete');
  });
});

describe('the prod stack', () => {
  let prod: Synthesized;
  beforeAll(() => {
    prod = synthPlatform(prodConfig);
  });
  afterAll(() => prod?.dispose());

  it('imports its VPC and uses the external source without creating a cluster for it', () => {
    prod.template.resourceCountIs('AWS::EC2::VPC', 0);
    prod.template.resourceCountIs('AWS::MSK::Cluster', 1);
    prod.template.hasResourceProperties('AWS::MSK::Cluster', {
      BrokerNodeGroupInfo: {
        ClientSubnets: [...(prodConfig.vpc.kind === 'import' ? prodConfig.vpc.privateSubnetIds : [])],
      },
    });
    expect(prod.stack.source.bootstrapServers).toBe(
      prodConfig.source.kind === 'external' ? prodConfig.source.bootstrapServers : '',
    );
  });

  it('hands the source credentials to Connect as a secret file, never as plain environment', () => {
    const [, connect] = containers(
      prod,
      logicalIdOf(prod.stack, prod.stack.connect.taskDefinition.taskDefinitionArn),
    );
    expect(connect!.Environment).toEqual(
      expect.arrayContaining([
        { Name: 'CONNECT_SECRET_FILES', Value: 'source-scram.properties=CONNECT_SECRET_FILE_0' },
      ]),
    );
    const secrets = connect!.Secrets as Array<{ Name: string; ValueFrom: unknown }>;
    expect(secrets.map((s) => s.Name)).toEqual(['CONNECT_SECRET_FILE_0']);
    expect(JSON.stringify(secrets[0]!.ValueFrom)).toContain(':secret:mm2/prod/source-scram');
  });

  it('gives the bot its own SCRAM password for the source and the source secret file (for its username), nothing else', () => {
    const [bot] = containers(
      prod,
      logicalIdOf(prod.stack, prod.stack.bot.service.taskDefinition.taskDefinitionArn),
    );
    const secrets = bot!.Secrets as Array<{ Name: string; ValueFrom: unknown }>;
    const password = secrets.find((s) => s.Name === 'MM2_SOURCE_KAFKA_PASSWORD');
    expect(JSON.stringify(password?.ValueFrom)).toMatch(/:secret:mm2\/prod\/bot-source-scram.*:password::/);
    expect(secrets.map((s) => s.Name).sort()).toEqual([
      'MM2_SECRET_FILE_0',
      'MM2_SOURCE_KAFKA_PASSWORD',
      'SLACK_APP_TOKEN',
      'SLACK_BOT_TOKEN',
    ]);
    const file = secrets.find((s) => s.Name === 'MM2_SECRET_FILE_0');
    expect(JSON.stringify(file?.ValueFrom)).toContain(':secret:mm2/prod/source-scram');
  });

  it('retains the stateful resources', () => {
    for (const id of ['TargetMskCluster', 'TargetMskClusterDataKey', 'ConfigBucket', 'GrafanaAdminPassword'])
      expect(prod.json.Resources[id]?.DeletionPolicy).toBe('Retain');
    const images = prod.imagesTemplate.toJSON().Resources as Record<string, { DeletionPolicy?: string }>;
    expect(images.KafkaConnectRepository?.DeletionPolicy).toBe('Retain');
  });
});

describe('a bot without a metrics scrape', () => {
  let quiet: Synthesized;
  beforeAll(() => {
    quiet = synthPlatform(variant(prodConfig, (c) => ({ ...c, bot: { ...c.bot, metricsScrape: false } })));
  });
  afterAll(() => quiet?.dispose());

  it('has no inbound rule at all and is not scraped', () => {
    const botGroup = logicalIdOf(quiet.stack, quiet.stack.bot.securityGroup.securityGroupId);
    expect(ingressOf(quiet, botGroup)).toEqual([]);
    const [prometheus] = containers(
      quiet,
      logicalIdOf(quiet.stack, quiet.stack.prometheus.service.taskDefinition.taskDefinitionArn),
    );
    expect(JSON.stringify(prometheus!.Environment)).not.toContain('BOT_DNS_NAME');
  });
});
