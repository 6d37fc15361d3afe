import type { Block } from '../view';
import { LIMITS, section } from '../blocks';
import { clip } from '../mrkdwn';

/** Monospace table rows packed into as few sections as fit (each ≤ 3000 chars with the fences). */
export const codeSections = (
  title: string,
  headerRow: string,
  rows: string[],
  budget = LIMITS.sectionText - 20,
): Block[] => {
  const blocks: Block[] = [];
  let current: string[] = [];
  const flush = (first: boolean) => {
    const lead = first ? `${title}\n` : '';
    blocks.push(section(`${lead}\`\`\`${[headerRow, ...current].join('\n')}\`\`\``));
    current = [];
  };
  let size = title.length + headerRow.length + 8;
  for (const row of rows) {
    if (current.length > 0 && size + row.length + 1 > budget) {
      flush(blocks.length === 0);
      size = headerRow.length + 8;
    }
    current.push(row);
    size += row.length + 1;
  }
  if (current.length > 0 || blocks.length === 0) flush(blocks.length === 0);
  return blocks;
};

export const pad = (text: string, width: number): string => clip(text, width).padEnd(width);
export const padLeft = (text: string, width: number): string => clip(text, width).padStart(width);
