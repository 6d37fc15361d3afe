// Proves the lab is real: MM2 on the lab's Connect replicates a topic from source to target under the
// same name, Prometheus sees MM2's replication latency for it, and a consumer group's offsets are synced.
import { randomUUID } from 'node:crypto';
import { labEndpoints, type LabEndpoints } from '../../lab/endpoints';
import { mm2Common } from '../../lab/mm2-connectors';
import { consumeValues, createTopics, eventually, produce, withAdmin } from '../../lab/clients';

const run = randomUUID().slice(0, 8);
const topic = `smoke.${run}`;
const group = `smoke-group-${run}`;
const names = {
  source: `smoke-source-${run}`,
  checkpoint: `smoke-checkpoint-${run}`,
  heartbeat: `smoke-heartbeat-${run}`,
};
let lab: LabEndpoints;

function common(): Record<string, string> {
  return { ...mm2Common(lab), 'tasks.max': '1' };
}

async function putConnector(name: string, config: Record<string, string>): Promise<void> {
  const res = await fetch(`${lab.connect}/connectors/${name}/config`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(config),
  });
  expect([200, 201]).toContain(res.status);
}

async function connectorRunning(name: string): Promise<true | undefined> {
  const res = await fetch(`${lab.connect}/connectors/${name}/status`);
  if (!res.ok) return undefined;
  const status = (await res.json()) as { connector: { state: string }; tasks: Array<{ state: string }> };
  return status.connector.state === 'RUNNING' &&
    status.tasks.length > 0 &&
    status.tasks.every((t) => t.state === 'RUNNING')
    ? true
    : undefined;
}

beforeAll(async () => {
  lab = await labEndpoints();
  await createTopics(lab.source, [{ topic, numPartitions: 2 }]);
});

afterAll(async () => {
  for (const name of Object.values(names))
    await fetch(`${lab.connect}/connectors/${name}`, { method: 'DELETE' }).catch(() => undefined);
});

test('MM2 replicates records, exports latency to Prometheus and syncs group offsets', async () => {
  const values = Array.from({ length: 50 }, (_, i) => `smoke-${run}-${i}`);
  await produce(lab.source, topic, values);
  // A consumer group on the source reads everything and leaves: its offsets are what MM2 syncs.
  expect(await consumeValues(lab.source, topic, values.length, 30000, group)).toHaveLength(values.length);

  await putConnector(names.source, {
    ...common(),
    'connector.class': 'org.apache.kafka.connect.mirror.MirrorSourceConnector',
    topics: topic.replace('.', '\\.'),
    'replication.factor': '1',
    'offset-syncs.topic.replication.factor': '1',
    'sync.topic.acls.enabled': 'false',
    'refresh.topics.interval.seconds': '2',
    'offset.lag.max': '0',
  });
  await putConnector(names.checkpoint, {
    ...common(),
    'connector.class': 'org.apache.kafka.connect.mirror.MirrorCheckpointConnector',
    groups: group,
    'checkpoints.topic.replication.factor': '1',
    'emit.checkpoints.interval.seconds': '1',
    'sync.group.offsets.enabled': 'true',
    'sync.group.offsets.interval.seconds': '1',
    'refresh.groups.interval.seconds': '2',
  });
  await putConnector(names.heartbeat, {
    ...common(),
    'connector.class': 'org.apache.kafka.connect.mirror.MirrorHeartbeatConnector',
    'heartbeats.topic.replication.factor': '1',
    'emit.heartbeats.interval.seconds': '1',
  });
  for (const name of Object.values(names))
    await eventually(`${name} RUNNING`, () => connectorRunning(name), 60000);

  // The same records, under the same topic name, on the target.
  const replicated = await consumeValues(lab.target, topic, values.length, 60000);
  expect(new Set(replicated)).toEqual(new Set(values));

  // Prometheus scraped MM2's replication latency for this topic through the exporter rules.
  const series = await eventually(
    'replication-latency series in Prometheus',
    async () => {
      const query = `kafka_connect_mirror_source_connector_replication_latency_ms{topic="${topic}"}`;
      const res = await fetch(`${lab.prometheus}/api/v1/query?query=${encodeURIComponent(query)}`);
      const body = (await res.json()) as { data: { result: Array<{ metric: Record<string, string> }> } };
      return body.data.result.length > 0 ? body.data.result : undefined;
    },
    60000,
    2000,
  );
  expect(series[0]?.metric).toMatchObject({ source: 'source', target: 'target', topic });

  // The group's committed offsets were translated and synced to the target.
  const synced = await eventually(
    'group offsets on the target',
    async () => {
      const offsets = await withAdmin(lab.target, (admin) =>
        admin.fetchOffsets({ groupId: group, topics: [topic] }),
      );
      const partitions = offsets[0]?.partitions ?? [];
      const total = partitions.reduce((sum, p) => sum + Math.max(0, Number(p.offset)), 0);
      return total > 0 ? total : undefined;
    },
    90000,
    2000,
  );
  expect(synced).toBeGreaterThan(0);
  expect(synced).toBeLessThanOrEqual(values.length);
});
