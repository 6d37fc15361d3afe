// The ECS task definitions of the lab environment, rehearsed here before anyone pays for MSK: each
// container runs natively with the task definition's own command, environment and health check. What
// stands in for AWS: a task address of 127.0.0.2 (`hostname -i`), Cloud Map names mapped to loopback,
// free local ports for the task's fixed ports, the lab's plaintext brokers for MSK (no IAM signing),
// moto for S3, the Slack stand-in for Slack, test values for secrets. infra/README.md says what is left.
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { execFile } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { labConfig } from '../../../infra/config/lab';
import { imageCommand, imageCopies } from './image-copies';
import { SlackStandIn } from '../../slack-standin';
import { labEndpoints, type LabEndpoints } from '../../lab/endpoints';
import { freePort } from '../../support/moto';
import { synthPlatform, ROOT, type Synthesized } from '../../unit/infra/helpers/platform';
import {
  containersOf,
  environmentOf,
  LocalNetwork,
  shimPath,
  startTask,
  waitHealthy,
  healthCheck,
  resolveValue,
  type ContainerDefinition,
  type RunningTask,
} from './task-rehearsal';

jest.setTimeout(300_000);

/** awsvpc gives each task an address of its own: not 127.0.0.1, which is what defect 1 hid. */
const TASK_ADDRESS = '127.0.0.2';
const CLOUD_MAP = {
  'connect.mm2.internal': TASK_ADDRESS,
  'prometheus.mm2.internal': '127.0.0.3',
  'grafana.mm2.internal': '127.0.0.4',
  'bot.mm2.internal': '127.0.0.5',
};

let s: Synthesized;
let lab: LabEndpoints;
let dir: string;
let network: LocalNetwork;
let containers: Map<string, ContainerDefinition>;
let path: string;
const running: RunningTask[] = [];
/** The bot image's build step (docker/bot/Dockerfile), started at once: it takes minutes on a busy machine. */
let botBuild: Promise<unknown>;

/** What the rehearsal puts in for CloudFormation references: the lab's target for the target brokers. */
function ref(logicalId: string, attribute?: string): string {
  if (/BootstrapBrokers/.test(logicalId) && /Target/.test(logicalId)) return lab.target;
  if (/BootstrapBrokers/.test(logicalId) && /Source/.test(logicalId)) return lab.source;
  if (logicalId === 'ConfigBucket') return 'mm2-rehearsal-config';
  if (logicalId === 'EcsCluster') return 'mm2-lab';
  if (/^ConnectService/.test(logicalId) && attribute === 'Name') return 'kafka-connect';
  throw new Error(`the rehearsal has no stand-in for ${logicalId}${attribute ? `.${attribute}` : ''}`);
}

function container(name: string): ContainerDefinition {
  const c = containers.get(name);
  if (!c) throw new Error(`no container ${name} in the lab template: ${[...containers.keys()].join(', ')}`);
  return c;
}

beforeAll(async () => {
  lab = await labEndpoints();
  s = synthPlatform(labConfig);
  containers = containersOf(s.json);
  dir = mkdtempSync(join(tmpdir(), 'mm2-rehearsal-'));
  const ports: Record<number, number> = {};
  for (const taskPort of [8083, 9404, 9090, 9102, 3000]) ports[taskPort] = await freePort();
  network = new LocalNetwork(CLOUD_MAP, ports);
  path = shimPath(join(dir, 'bin'), TASK_ADDRESS, CLOUD_MAP);
  botBuild = promisify(execFile)(
    join(ROOT, 'node_modules/.bin/tsc'),
    ['-p', join(ROOT, 'docker/bot/tsconfig.build.json'), '--outDir', join(dir, 'app/dist')],
    { cwd: ROOT, timeout: 400_000 },
  );
  botBuild.catch(() => undefined);
});

afterAll(async () => {
  await Promise.all(running.map((t) => t.stop()));
  s?.dispose();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('the Connect task', () => {
  let env: NodeJS.ProcessEnv;

  beforeAll(() => {
    const task = container('kafka-connect');
    const sync = container('worker-config');
    // The init container copies config/workers/<mode>.properties from the bucket to /config: here the
    // same file from connectors/, in plaintext mode (the lab brokers do not sign IAM).
    const key = sync.Command?.map((a) => resolveValue(a, ref))
      .find((a) => a.startsWith('s3://'))
      ?.replace(/^s3:\/\/[^/]+\/config\//, '');
    expect(key).toMatch(/^workers\/\w[\w-]*\.properties$/);
    mkdirSync(join(dir, 'config'), { recursive: true });
    copyFileSync(
      join(ROOT, 'connectors/workers/plaintext.properties'),
      join(dir, 'config/worker.properties'),
    );
    const taskEnv = environmentOf(task, ref, network);
    expect(taskEnv.CONNECT_WORKER_TEMPLATE).toBe('/config/worker.properties');
    const run = `${Date.now()}`;
    env = {
      PATH: path,
      HOME: dir,
      ...taskEnv,
      CONNECT_WORKER_TEMPLATE: join(dir, 'config/worker.properties'),
      CONNECT_AUTH_MODE: 'plaintext',
      // The image's ENV (docker/kafka-connect/Dockerfile), pointed at the checkout.
      CONNECT_CLASSPATH_DIR: join(ROOT, '.cache/jars/connect'),
      CONNECT_WORKERS_DIR: join(ROOT, 'connectors/workers'),
      JMX_EXPORTER_CONFIG: join(ROOT, 'docker/kafka-connect/jmx-exporter.yml'),
      CONNECT_RUN_DIR: join(dir, 'connect'),
      // One shared lab broker: internal topics of the rehearsal's own, replication factor 1.
      CONNECT_CONFIG_TOPIC: `rehearsal-${run}-configs`,
      CONNECT_OFFSET_TOPIC: `rehearsal-${run}-offsets`,
      CONNECT_STATUS_TOPIC: `rehearsal-${run}-status`,
      CONNECT_REPLICATION_FACTOR: '1',
    };
    running.push(
      startTask(['sh', join(ROOT, 'docker/kafka-connect/start-connect.sh')], {
        env,
        cwd: dir,
        log: join(dir, 'connect.log'),
      }),
    );
  });

  it('passes its own health check on a task whose address is not 127.0.0.1, and advertises that address', async () => {
    const task = container('kafka-connect');
    // Up on the task address first: then a failing health check can only be the listener's fault.
    const restPort = network.port(8083);
    // As long as ECS would wait: the health check's start period, plus a minute for a busy machine.
    const deadline = Date.now() + (task.HealthCheck?.StartPeriod ?? 180) * 1000 + 60_000;
    let up = false;
    while (!up && Date.now() < deadline) {
      up = await fetch(`http://${TASK_ADDRESS}:${restPort}/`, { signal: AbortSignal.timeout(2000) }).then(
        (r) => r.ok,
        () => false,
      );
      if (!up) await new Promise((r) => setTimeout(r, 1000));
    }
    expect({ up, log: up ? '' : readFileSync(join(dir, 'connect.log'), 'utf8').slice(-3000) }).toEqual({
      up: true,
      log: '',
    });
    const result = await waitHealthy(task, network, env, 15_000);
    expect(result).toMatchObject({ ok: true });
    const worker = readFileSync(join(dir, 'connect/worker.properties'), 'utf8');
    expect(worker).toContain(`rest.advertised.host.name=${TASK_ADDRESS}`);
  });
});

describe('the Prometheus task', () => {
  let env: NodeJS.ProcessEnv;

  beforeAll(() => {
    const task = container('prometheus');
    // The image's layout (docker/prometheus/Dockerfile COPY lines) in a folder of its own.
    const home = join(dir, 'etc-prometheus');
    mkdirSync(join(home, 'rules'), { recursive: true });
    for (const file of ['prometheus.yml', 'refresh-targets.sh', 'entrypoint.sh'])
      copyFileSync(join(ROOT, 'docker/prometheus', file), join(home, file));
    copyFileSync(join(ROOT, 'docker/prometheus/rules/mm2-alerts.yml'), join(home, 'rules/mm2-alerts.yml'));
    env = {
      PATH: path,
      HOME: dir,
      // The image's ENV defaults, then the task's environment.
      TARGETS_DIR: join(home, 'targets'),
      // Names stay: the refresher resolves them (through the nslookup shim), as on Fargate.
      ...environmentOf(task, ref, network, { names: false }),
      PROMETHEUS_HOME: home,
      PROMETHEUS_BIN: 'prometheus',
      PROMETHEUS_DATA_DIR: join(dir, 'prometheus-data'),
    };
    running.push(
      startTask(['sh', join(home, 'entrypoint.sh')], { env, cwd: home, log: join(dir, 'prometheus.log') }),
    );
  });

  it('passes its own health check and scrapes the Connect task it found through the Cloud Map name', async () => {
    const result = await waitHealthy(container('prometheus'), network, env, 60_000);
    expect(result).toMatchObject({ ok: true });
    const url = `http://127.0.0.1:${network.port(9090)}`;
    const target = `${TASK_ADDRESS}:${network.port(9404)}`;
    const deadline = Date.now() + 90_000;
    let health = '';
    while (health !== 'up' && Date.now() < deadline) {
      const body = (await (await fetch(`${url}/api/v1/targets`)).json()) as {
        data: { activeTargets: Array<{ labels: { instance: string; job: string }; health: string }> };
      };
      health =
        body.data.activeTargets.find((t) => t.labels.job === 'kafka-connect' && t.labels.instance === target)
          ?.health ?? 'absent';
      if (health !== 'up') await new Promise((r) => setTimeout(r, 2000));
    }
    const home = join(dir, 'etc-prometheus');
    const why =
      health === 'up'
        ? ''
        : `${readdirSync(join(home, 'targets')).join(',')}\n${readFileSync(join(dir, 'prometheus.log'), 'utf8').slice(-2000)}`;
    expect({ health, why }).toEqual({ health: 'up', why: '' });
  });
});

describe('the bot task', () => {
  let env: NodeJS.ProcessEnv;
  let standIn: SlackStandIn;
  const tokens = { botToken: 'xoxb-rehearsal-1-secret', appToken: 'xapp-1-rehearsal-2-secret' };

  /** What the stack's BucketDeployment does: connectors/ under config/ of the config bucket (here in moto). */
  async function deployConnectors(
    client: S3Client,
    bucket: string,
    folder = join(ROOT, 'connectors'),
    key = 'config',
  ): Promise<void> {
    for (const entry of await readdir(folder, { withFileTypes: true })) {
      const local = join(folder, entry.name);
      if (entry.isDirectory()) await deployConnectors(client, bucket, local, `${key}/${entry.name}`);
      else if (!entry.name.endsWith('.md'))
        await client.send(
          new PutObjectCommand({ Bucket: bucket, Key: `${key}/${entry.name}`, Body: await readFile(local) }),
        );
    }
  }

  beforeAll(async () => {
    const task = container('bot');
    const taskEnv = environmentOf(task, ref, network);
    const s3 = new S3Client({
      endpoint: lab.aws,
      region: taskEnv.AWS_REGION,
      forcePathStyle: true,
      credentials: { accessKeyId: 'lab', secretAccessKey: 'lab' },
    });
    const bucket = ref('ConfigBucket');
    await s3
      .send(
        new CreateBucketCommand({
          Bucket: bucket,
          CreateBucketConfiguration: { LocationConstraint: taskEnv.AWS_REGION as 'eu-west-1' },
        }),
      )
      .catch((error: { name?: string }) => {
        if (error.name !== 'BucketAlreadyOwnedByYou') throw error;
      });
    await deployConnectors(s3, bucket);
    standIn = await SlackStandIn.start(tokens);
    // The image's layout: /app with dist/ from the build, node_modules from `npm ci`, and every file the
    // final stage of docker/bot/Dockerfile copies from the build context, read from the Dockerfile itself.
    await botBuild;
    const app = join(dir, 'app');
    symlinkSync(join(ROOT, 'node_modules'), join(app, 'node_modules'));
    for (const { from, to } of imageCopies(join(ROOT, 'docker/bot/Dockerfile'))) {
      mkdirSync(dirname(join(app, to)), { recursive: true });
      symlinkSync(join(ROOT, from), join(app, to));
    }
    const secrets = (task.Secrets ?? []).map((x) => x.Name).sort();
    expect(secrets).toEqual(['SLACK_APP_TOKEN', 'SLACK_BOT_TOKEN']);
    env = {
      PATH: path,
      HOME: dir,
      NODE_ENV: 'production',
      ...taskEnv,
      // Secrets: test values. Slack: the stand-in. AWS: moto, without IAM (no task role here).
      SLACK_BOT_TOKEN: tokens.botToken,
      SLACK_APP_TOKEN: tokens.appToken,
      SLACK_API_URL: standIn.apiUrl,
      AWS_ENDPOINT_URL: lab.aws,
      AWS_ACCESS_KEY_ID: 'lab',
      AWS_SECRET_ACCESS_KEY: 'lab',
    };
    // The image's CMD (docker/bot/Dockerfile), as written there: node with the flags in node-options.
    running.push(
      startTask(imageCommand(join(ROOT, 'docker/bot/Dockerfile')), {
        env,
        cwd: app,
        log: join(dir, 'bot.log'),
      }),
    );
  });

  afterAll(async () => {
    await standIn?.stop();
  });

  it('passes its health check once Socket Mode is connected, and fails it when the connection is gone', async () => {
    const task = container('bot');
    await standIn.waitForConnection({ timeoutMs: 60_000 }).catch((error: Error) => {
      throw new Error(`${error.message}\n${readFileSync(join(dir, 'bot.log'), 'utf8').slice(-3000)}`);
    });
    const healthy = await waitHealthy(task, network, env, 30_000);
    expect({
      ...healthy,
      log: healthy.ok ? '' : readFileSync(join(dir, 'bot.log'), 'utf8').slice(-3000),
    }).toMatchObject({
      ok: true,
      log: '',
    });
    // Slack goes away: /healthz answers 503 and ECS would replace the task (/metrics stayed 200).
    await standIn.stop();
    const deadline = Date.now() + 30_000;
    let last = await healthCheck(task, network, env);
    while (last.ok && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 1000));
      last = await healthCheck(task, network, env);
    }
    expect(last.ok).toBe(false);
  });
});
