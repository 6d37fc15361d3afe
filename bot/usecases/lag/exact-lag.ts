import type { PartitionOffsets } from '../../ports/kafka-admin';
import type { SourceOffset } from '../../ports/connect-offsets';
import type { PartitionLag } from './lag-types';

const key = (topic: string, partition: number) => `${topic}\u0000${partition}`;

/**
 * Exact lag of one partition: records the MirrorSourceConnector has still to copy.
 * - committed offset c: the next record to copy is c + 1, so lag = latest - (c + 1);
 * - no committed offset: nothing was replicated yet, so every record still on the source counts:
 *   lag = latest - earliest;
 * - records deleted by retention before they were copied cannot be copied any more: the start is
 *   never below `earliest`.
 */
export const partitionLag = (offsets: PartitionOffsets, committed?: number): number => {
  const next = committed === undefined ? offsets.earliest : Math.max(committed + 1, offsets.earliest);
  return Math.max(0, offsets.latest - next);
};

/** Joins source end offsets with the connector's committed offsets (filtered to one source alias). */
export const exactLag = (
  offsets: PartitionOffsets[],
  committed: SourceOffset[],
  sourceAlias?: string,
): PartitionLag[] => {
  const byPartition = new Map<string, number>();
  for (const c of committed) {
    if (sourceAlias !== undefined && c.cluster !== undefined && c.cluster !== sourceAlias) continue;
    byPartition.set(key(c.topic, c.partition), c.offset);
  }
  return offsets.map((o) => {
    const c = byPartition.get(key(o.topic, o.partition));
    const row: PartitionLag = {
      topic: o.topic,
      partition: o.partition,
      earliest: o.earliest,
      latest: o.latest,
      lag: partitionLag(o, c),
    };
    if (c !== undefined) row.committed = c;
    return row;
  });
};
