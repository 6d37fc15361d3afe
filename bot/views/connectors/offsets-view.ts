import type { Block, View } from '../view';
import type { TopicOffsets } from '../../usecases/connectors/summarize-offsets';
import { capBlocks, codeBlock, context, header } from '../blocks';

export const MAX_TOPIC_ROWS = 40;

/** `/mm2 offsets <name>`: committed source offsets per topic; the full table goes to a CSV when long. */
export function offsetsView(
  name: string,
  topics: TopicOffsets[],
  partitions: number,
  csvAttached: boolean,
): View {
  if (topics.length === 0) {
    return {
      text: `${name}: no committed offsets yet`,
      blocks: [header(`Offsets · ${name}`), context('No committed offsets yet.')],
    };
  }
  const shown = topics.slice(0, MAX_TOPIC_ROWS);
  const width = Math.min(40, Math.max(5, ...shown.map((t) => t.key.length)));
  const rows = [
    `${'topic'.padEnd(width)}  parts  committed offsets (min..max)`,
    ...shown.map(
      (t) =>
        `${t.key.slice(0, width).padEnd(width)}  ${String(t.partitions).padStart(5)}  ${t.minOffset}..${t.maxOffset}`,
    ),
  ];
  const blocks: Block[] = [header(`Offsets · ${name}`), codeBlock(rows.join('\n'))];
  const notes = [`${topics.length} topic(s), ${partitions} partition(s).`];
  if (topics.length > shown.length)
    notes.push(
      `${topics.length - shown.length} more topics ${csvAttached ? 'in the attached CSV' : 'not shown'}.`,
    );
  blocks.push(context(notes.join(' ')));
  return {
    text: `${name}: committed offsets for ${topics.length} topic(s), ${partitions} partition(s)`,
    blocks: capBlocks(blocks),
  };
}
