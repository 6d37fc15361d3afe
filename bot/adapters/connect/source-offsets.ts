import type { SourceOffset } from '../../ports/connect-offsets';

export interface OffsetsBody {
  offsets?: Array<{ partition?: Record<string, unknown>; offset?: Record<string, unknown> | null }>;
}

/** MirrorSourceConnector keys its offsets by {cluster, topic, partition} with value {offset}. */
export const parseSourceOffsets = (body: OffsetsBody): SourceOffset[] =>
  (body.offsets ?? []).flatMap((entry) => {
    const key = entry.partition ?? {};
    const topic = key.topic;
    const partition = Number(key.partition);
    const offset = Number(entry.offset?.offset);
    if (typeof topic !== 'string' || !Number.isInteger(partition) || !Number.isFinite(offset)) return [];
    const parsed: SourceOffset = { topic, partition, offset };
    if (typeof key.cluster === 'string') parsed.cluster = key.cluster;
    return [parsed];
  });
