import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LabEndpoints } from '../../lab/endpoints';

export interface OpsProfileOptions {
  /** Connector names are `<name>-source|checkpoint|heartbeat`; groups `<name>-.*`. */
  name: string;
  /** Exact topic names in scope (dots escaped). */
  topics: string[];
  lagRecords?: { amber: number; red: number };
  lagMs?: { amber: number; red: number };
  /** Auth block of both clusters as YAML flow text; plaintext by default. */
  sourceAuth?: string;
  targetAuth?: string;
  /** Per-connector overrides as YAML flow text, e.g. `{ source: { 'producer.override.x': 1 } }`. */
  overrides?: string;
}

const escape = (topic: string) => topic.replace(/\./g, '\\.');

/** A profile of the test's own next to the real templates: its own connectors, topics and thresholds. */
export function opsProfile(lab: LabEndpoints, o: OpsProfileOptions): string {
  const dir = mkdtempSync(join(tmpdir(), 'mm2-ops-'));
  mkdirSync(join(dir, 'profiles'));
  symlinkSync(join(__dirname, '../../../connectors/templates'), join(dir, 'templates'));
  const file = join(dir, 'profiles', `${o.name}.yml`);
  const lagRecords = o.lagRecords ?? { amber: 1000, red: 10000 };
  const lagMs = o.lagMs ?? { amber: 60000, red: 300000 };
  writeFileSync(
    file,
    `name: ${o.name}
source: { alias: source, bootstrapServers: '${lab.source}', auth: ${o.sourceAuth ?? '{ mode: plaintext }'} }
target: { alias: target, bootstrapServers: '${lab.target}', auth: ${o.targetAuth ?? '{ mode: plaintext }'} }
topics: { include: [${o.topics.map((t) => `'${escape(t)}'`).join(', ')}], exclude: [] }
groups: { include: ['${o.name}-.*'], exclude: [] }
tasksMax: 1
replicationFactor: 1
intervals: { refreshTopicsSeconds: 5, refreshGroupsSeconds: 5, syncGroupOffsetsSeconds: 5, emitCheckpointsSeconds: 5, emitHeartbeatsSeconds: 2 }
connectors: { source: ${o.name}-source, checkpoint: ${o.name}-checkpoint, heartbeat: ${o.name}-heartbeat }
${o.overrides ? `overrides: ${o.overrides}\n` : ''}checks:
  lagRecords: { amber: ${lagRecords.amber}, red: ${lagRecords.red} }
  lagMs: { amber: ${lagMs.amber}, red: ${lagMs.red} }
  checkpointAgeSeconds: { amber: 600, red: 1200 }
deploy: { followTimeoutSeconds: 90, stateTimeoutSeconds: 60 }
`,
  );
  return file;
}

export const connectorNames = (name: string): string[] => [
  `${name}-source`,
  `${name}-checkpoint`,
  `${name}-heartbeat`,
];
