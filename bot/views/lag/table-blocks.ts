import type { Block } from '../view';
import { context, divider, header, section } from '../blocks';

// One set of Block Kit builders for every view (bot/views/blocks.ts).
export { context, divider, header, section };

/** Slack's limits (DESIGN.md): kept here so every builder in this area clips the same way. */
export const LIMITS = { blocks: 50, section: 3000, header: 150, context: 2000 } as const;

export const clip = (text: string, max: number): string =>
  text.length <= max ? text : `${text.slice(0, max - 1)}…`;

/** Monospace table rows packed into as few sections as fit (each ≤ 3000 chars with the fences). */
export const codeSections = (
  title: string,
  headerRow: string,
  rows: string[],
  budget = LIMITS.section - 20,
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
