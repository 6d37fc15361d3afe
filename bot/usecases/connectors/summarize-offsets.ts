import type { ConnectorOffsets } from '../../ports/connect';

export interface TopicOffsets {
  /** The topic, or for connectors whose partitions have no topic (heartbeat), the partition key. */
  key: string;
  partitions: number;
  minOffset: number;
  maxOffset: number;
  /** Sum over partitions of (committed offset + 1): records the connector has moved past. */
  position: number;
}

/** Committed source offsets per topic, busiest first. */
export function summarizeOffsets(offsets: ConnectorOffsets): TopicOffsets[] {
  const byKey = new Map<string, TopicOffsets>();
  for (const { partition, offset } of offsets.offsets) {
    const key = typeof partition.topic === 'string' ? partition.topic : JSON.stringify(partition);
    const value = typeof offset.offset === 'number' ? offset.offset : Number(offset.offset ?? NaN);
    if (!Number.isFinite(value)) continue;
    const entry = byKey.get(key) ?? { key, partitions: 0, minOffset: value, maxOffset: value, position: 0 };
    entry.partitions += 1;
    entry.minOffset = Math.min(entry.minOffset, value);
    entry.maxOffset = Math.max(entry.maxOffset, value);
    entry.position += value + 1;
    byKey.set(key, entry);
  }
  return [...byKey.values()].sort((a, b) => b.position - a.position || a.key.localeCompare(b.key));
}

export function offsetsCsv(offsets: ConnectorOffsets): string {
  const rows = offsets.offsets.map(({ partition, offset }) =>
    [
      String(partition.topic ?? JSON.stringify(partition)),
      String(partition.partition ?? ''),
      String(offset.offset ?? ''),
    ]
      .map((cell) => (/[",\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell))
      .join(','),
  );
  return ['topic,partition,offset', ...rows].join('\n') + '\n';
}
