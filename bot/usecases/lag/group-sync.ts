import type { KafkaAdmin } from '../../ports/kafka-admin';
import type { GroupSync, LagThresholds } from './lag-types';
import { grade } from './verdict';
import { partitionKey } from './lag-metrics';
import type { Pattern } from '../../domain/topic-filter';

export interface GroupScope {
  include?: Pattern;
  exclude: Pattern;
  max: number;
}

/** Connect's own groups and the bot's are not migrated. */
export const DEFAULT_GROUPS_EXCLUDE = /^(connect-.*|mm2-.*|__.*)$/;

const mapLimit = async <T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> => {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i] as T);
      }
    }),
  );
  return out;
};

/**
 * Per consumer group: are its offsets translated onto the target, and how far behind is it there.
 * The checkpoint figure is MirrorCheckpointConnector's checkpoint-latency-ms (time from a checkpoint
 * being produced to being committed on the target), max over the group's partitions: it is what the
 * metrics expose; the wall-clock age of the last checkpoint is not exported.
 */
export const groupSync = async (
  source: KafkaAdmin,
  target: KafkaAdmin,
  inScope: (topic: string) => boolean,
  scope: GroupScope,
  checkpointSecondsByGroup: Map<string, number> | undefined,
  thresholds: LagThresholds,
): Promise<{ groups: GroupSync[]; omitted: number }> => {
  const listed = await source.listGroups();
  const candidates = listed
    .filter((g) => g.protocolType === 'consumer' || g.protocolType === '')
    .map((g) => g.groupId)
    .filter((id) => !scope.exclude.test(id) && (scope.include === undefined || scope.include.test(id)))
    .sort();

  const committed = await mapLimit(candidates, 4, async (group) => ({
    group,
    offsets: (await source.groupOffsets(group)).filter((o) => o.offset !== undefined && inScope(o.topic)),
  }));
  const relevant = committed.filter((c) => c.offsets.length > 0);
  const shown = relevant.slice(0, scope.max);

  const translated = await mapLimit(shown, 4, async (c) => {
    const topics = [...new Set(c.offsets.map((o) => o.topic))].sort();
    return { ...c, topics, onTarget: await target.groupOffsets(c.group, topics) };
  });
  const targetTopics = [...new Set(translated.flatMap((t) => t.topics))];
  const ends = new Map(
    (await target.topicOffsets(targetTopics)).map((o) => [partitionKey(o.topic, o.partition), o.latest]),
  );

  const groups = translated.map((t): GroupSync => {
    const present = t.onTarget.filter((o) => o.offset !== undefined);
    let targetLag = 0;
    for (const o of present) {
      const end = ends.get(partitionKey(o.topic, o.partition));
      if (end !== undefined) targetLag += Math.max(0, end - (o.offset as number));
    }
    const checkpoint = checkpointSecondsByGroup?.get(t.group);
    const sync: GroupSync = {
      group: t.group,
      topics: t.topics,
      sourcePartitions: t.offsets.length,
      translatedPartitions: present.length,
      verdict: grade(checkpoint, thresholds.checkpointAgeSeconds),
    };
    if (present.length > 0) sync.targetLag = targetLag;
    if (checkpoint !== undefined) sync.checkpointAgeSeconds = checkpoint;
    if (present.length === 0) sync.note = 'no translated offsets on the target yet';
    else if (present.length < t.offsets.length)
      sync.note = `${t.offsets.length - present.length} partition(s) not translated yet`;
    return sync;
  });
  return { groups, omitted: relevant.length - shown.length };
};
