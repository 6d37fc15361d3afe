import { eventually } from './clients';
import type { LabEndpoints } from './endpoints';

/** The lab's traffic topics, as one MM2 topics regex. */
export const LAB_TOPICS = 'orders|clicks|payments';

/** What every lab MM2 connector shares: the two clusters, their aliases, the identity policy, bytes. */
export const mm2Common = (lab: LabEndpoints): Record<string, string> => ({
  'source.cluster.alias': 'source',
  'target.cluster.alias': 'target',
  'source.cluster.bootstrap.servers': lab.source,
  'target.cluster.bootstrap.servers': lab.target,
  'replication.policy.class': 'org.apache.kafka.connect.mirror.IdentityReplicationPolicy',
  'key.converter': 'org.apache.kafka.connect.converters.ByteArrayConverter',
  'value.converter': 'org.apache.kafka.connect.converters.ByteArrayConverter',
  'header.converter': 'org.apache.kafka.connect.converters.ByteArrayConverter',
});

/** The three MM2 connectors the dashboard watches; created only when the lab has none of that name. */
export function mm2Connectors(lab: LabEndpoints): Record<string, Record<string, string>> {
  return {
    'mm2-source': {
      ...mm2Common(lab),
      'connector.class': 'org.apache.kafka.connect.mirror.MirrorSourceConnector',
      'tasks.max': '2',
      topics: LAB_TOPICS,
      'replication.factor': '1',
      'offset-syncs.topic.replication.factor': '1',
      'offset-syncs.topic.location': 'target',
      'sync.topic.acls.enabled': 'false',
      'refresh.topics.interval.seconds': '5',
      'source.consumer.auto.offset.reset': 'earliest',
    },
    'mm2-checkpoint': {
      ...mm2Common(lab),
      'connector.class': 'org.apache.kafka.connect.mirror.MirrorCheckpointConnector',
      'tasks.max': '1',
      topics: LAB_TOPICS,
      groups: '.*',
      'groups.exclude': 'console-consumer-.*,connect-.*,__.*,mm2-.*',
      'checkpoints.topic.replication.factor': '1',
      'offset-syncs.topic.location': 'target',
      'emit.checkpoints.interval.seconds': '5',
      'refresh.groups.interval.seconds': '5',
      'sync.group.offsets.enabled': 'true',
      'sync.group.offsets.interval.seconds': '5',
    },
    'mm2-heartbeat': {
      ...mm2Common(lab),
      'connector.class': 'org.apache.kafka.connect.mirror.MirrorHeartbeatConnector',
      'tasks.max': '1',
      'heartbeats.topic.replication.factor': '1',
      'emit.heartbeats.interval.seconds': '2',
    },
  };
}

async function connect(
  lab: LabEndpoints,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; json: unknown }> {
  const response = await fetch(`${lab.connect}${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(15_000),
  });
  const text = await response.text();
  return { status: response.status, json: text ? (JSON.parse(text) as unknown) : undefined };
}

/**
 * Makes sure MM2 replicates the lab's topics: creates each connector that is absent (an existing one,
 * e.g. the lab's own, is left as it is), then waits for all of them and their tasks to run.
 * Returns the names it created.
 */
export async function ensureMm2Running(lab: LabEndpoints): Promise<string[]> {
  const created: string[] = [];
  for (const [name, config] of Object.entries(mm2Connectors(lab))) {
    const existing = await connect(lab, 'GET', `/connectors/${encodeURIComponent(name)}`);
    if (existing.status === 404) {
      const put = await connect(lab, 'PUT', `/connectors/${encodeURIComponent(name)}/config`, config);
      if (put.status >= 300)
        throw new Error(`Creating ${name} failed: ${put.status} ${JSON.stringify(put.json)}`);
      created.push(name);
    }
  }
  for (const name of Object.keys(mm2Connectors(lab)))
    await eventually(
      `${name} and its tasks RUNNING`,
      async () => {
        const { json } = await connect(lab, 'GET', `/connectors/${encodeURIComponent(name)}/status`);
        const status = json as
          { connector?: { state: string }; tasks?: Array<{ state: string }> } | undefined;
        const tasks = status?.tasks ?? [];
        return status?.connector?.state === 'RUNNING' &&
          tasks.length > 0 &&
          tasks.every((t) => t.state === 'RUNNING')
          ? true
          : undefined;
      },
      90_000,
      2000,
    );
  return created;
}
