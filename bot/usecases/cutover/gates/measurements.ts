import type { ConnectorStatus } from '../../../ports/connect';
import type { GroupDescription, TopicConfigs } from '../../../ports/kafka-groups';
import type { GroupOffset, PartitionOffsets, TopicMetadata } from '../../../ports/kafka-admin';
import type { PartitionLag } from '../../lag/lag-types';

/** What the pure gate evaluators read; measure.ts fills it from the ports. All plain data. */
export interface ConnectorsSnapshot {
  /** By role; `undefined` when the connector does not exist. */
  status: Record<'source' | 'checkpoint' | 'heartbeat', ConnectorStatus | undefined>;
  /** By role: the connector's `replication.policy.class` (undefined = MM2's default). */
  policy: Record<'source' | 'checkpoint' | 'heartbeat', string | undefined>;
  names: Record<'source' | 'checkpoint' | 'heartbeat', string>;
}

export interface TopicsSnapshot {
  source: TopicMetadata[];
  target: TopicMetadata[];
}

export interface ConfigsSnapshot {
  source: TopicConfigs[];
  target: TopicConfigs[];
}

/** One measurement of exact lag per partition. */
export interface LagSample {
  at: number;
  partitions: PartitionLag[];
}

/** Source end offsets at one moment (the fence compares two). */
export interface EndsSnapshot {
  at: number;
  offsets: PartitionOffsets[];
}

/** One group seen on both clusters at once. */
export interface GroupSnapshot {
  group: string;
  source: GroupDescription;
  target: GroupDescription;
  sourceCommitted: GroupOffset[];
  targetCommitted: GroupOffset[];
  sourceEnds: PartitionOffsets[];
  targetEnds: PartitionOffsets[];
  /** Exact replication lag of the group's partitions (to correct the re-read estimate). */
  lag: PartitionLag[];
}
