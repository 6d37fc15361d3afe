import {
  CONNECTOR_ROLES,
  type ClusterAuth,
  type ConnectorRole,
  type Profile,
} from '../../domain/profile/profile-schema';
import type { Templates } from '../../ports/profile-source';
import { renderTemplate, type Values } from './render-template';

export const CONNECTOR_CLASSES: Record<ConnectorRole, string> = {
  source: 'org.apache.kafka.connect.mirror.MirrorSourceConnector',
  checkpoint: 'org.apache.kafka.connect.mirror.MirrorCheckpointConnector',
  heartbeat: 'org.apache.kafka.connect.mirror.MirrorHeartbeatConnector',
};

export interface RenderedConnector {
  role: ConnectorRole;
  name: string;
  connectorClass: string;
  /** Exactly what is PUT to `/connectors/{name}/config` (and what Connect returns on GET). */
  config: Record<string, string>;
}

/** Renders the three MM2 connectors from the profile: template, then each cluster's auth, then overrides. */
export function renderConnectors(profile: Profile, templates: Templates): RenderedConnector[] {
  const values = profileValues(profile);
  return CONNECTOR_ROLES.map((role) => {
    const name = profile.connectors[role];
    const base = renderTemplate(templates.connectors[role], values);
    const config: Record<string, string> = {
      name,
      ...base,
      'connector.class': CONNECTOR_CLASSES[role],
      ...clusterAuth('source.cluster.', profile.source.auth, templates),
      ...clusterAuth('target.cluster.', profile.target.auth, templates),
      ...stringify(profile.overrides[role] ?? {}),
    };
    return { role, name, connectorClass: CONNECTOR_CLASSES[role], config };
  });
}

/** The placeholders a connector template may use, e.g. `{{source.bootstrapServers}}`. */
export function profileValues(profile: Profile): Values {
  return {
    'profile.name': profile.name,
    'source.alias': profile.source.alias,
    'source.bootstrapServers': profile.source.bootstrapServers,
    'target.alias': profile.target.alias,
    'target.bootstrapServers': profile.target.bootstrapServers,
    'topics.include': profile.topics.include.join(','),
    'topics.exclude': profile.topics.exclude.join(','),
    'groups.include': profile.groups.include.join(','),
    'groups.exclude': profile.groups.exclude.join(','),
    tasksMax: String(profile.tasksMax),
    replicationFactor: String(profile.replicationFactor),
    offsetSyncsTopicLocation: profile.offsetSyncsTopicLocation,
    ...Object.fromEntries(Object.entries(profile.intervals).map(([k, v]) => [`intervals.${k}`, String(v)])),
    ...Object.fromEntries(Object.entries(profile.connectors).map(([k, v]) => [`connectors.${k}`, v])),
  };
}

function clusterAuth(prefix: string, auth: ClusterAuth, templates: Templates): Record<string, string> {
  const values = Object.fromEntries(Object.entries(auth).map(([k, v]) => [`auth.${k}`, String(v)]));
  const rendered = renderTemplate(templates.auth[auth.mode], values);
  return Object.fromEntries(Object.entries(rendered).map(([k, v]) => [`${prefix}${k}`, v]));
}

const stringify = (map: Record<string, string | number | boolean>): Record<string, string> =>
  Object.fromEntries(Object.entries(map).map(([k, v]) => [k, String(v)]));
