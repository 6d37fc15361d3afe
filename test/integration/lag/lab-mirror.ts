import { eventually } from '../../lab/clients';
import type { LabEndpoints } from '../../lab/endpoints';
import { mm2Common } from '../../lab/mm2-connectors';

/** A MirrorSourceConnector of the test's own (own name, own topic) so the lab's mm2-* are left alone. */
export const mirrorConfig = (lab: LabEndpoints, name: string, topic: string): Record<string, string> => ({
  ...mm2Common(lab),
  name,
  'connector.class': 'org.apache.kafka.connect.mirror.MirrorSourceConnector',
  'tasks.max': '1',
  'replication.factor': '1',
  'offset-syncs.topic.replication.factor': '1',
  'offset-syncs.topic.location': 'target',
  'sync.topic.acls.enabled': 'false',
  'refresh.topics.interval.seconds': '2',
  'source.consumer.auto.offset.reset': 'earliest',
  topics: topic,
});

const call = async (lab: LabEndpoints, method: string, path: string, body?: unknown) => {
  const response = await fetch(`${lab.connect}${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  const text = await response.text();
  if (response.status >= 400 && response.status !== 404)
    throw new Error(`${method} ${path}: ${response.status} ${text}`);
  return text ? (JSON.parse(text) as unknown) : undefined;
};

export const connectRest = (lab: LabEndpoints) => ({
  put: (name: string, config: Record<string, string>) =>
    call(lab, 'PUT', `/connectors/${name}/config`, config),
  pause: (name: string) => call(lab, 'PUT', `/connectors/${name}/pause`),
  resume: (name: string) => call(lab, 'PUT', `/connectors/${name}/resume`),
  remove: (name: string) => call(lab, 'DELETE', `/connectors/${name}`),
  /** Waits until the connector and all its tasks are in `state`. */
  waitFor: (name: string, state: string) =>
    eventually(
      `${name} ${state}`,
      async () => {
        const status = (await call(lab, 'GET', `/connectors/${name}/status`)) as
          { connector: { state: string }; tasks: Array<{ state: string }> } | undefined;
        return status &&
          status.connector.state === state &&
          status.tasks.length > 0 &&
          status.tasks.every((t) => t.state === state)
          ? true
          : undefined;
      },
      60_000,
    ),
});
