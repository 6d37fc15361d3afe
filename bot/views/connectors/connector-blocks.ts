import type { Block } from '../view';
import { context, divider, header, section } from '../blocks';

// One set of Block Kit builders for every view (bot/views/blocks.ts).
export { context, divider, header, section };
import { escapeText } from '../mrkdwn';

export { escapeText };

/** Slack's limits (DESIGN.md): 50 blocks a message, 3000 chars of section text, 150 of header. */
export const MAX_BLOCKS = 50;
export const MAX_SECTION = 3000;
export const MAX_HEADER = 150;

export const truncate = (text: string, max: number): string =>
  text.length <= max ? text : `${text.slice(0, max - 1)}…`;

/** A code block that stays within a section's limit, fences included. */
export const code = (text: string, title?: string): Block => {
  const prefix = title ? `${title}\n` : '';
  const room = MAX_SECTION - prefix.length - 8;
  return section(`${prefix}\`\`\`${truncate(escapeText(text).replace(/```/g, "'''"), room)}\`\`\``);
};

/** Keeps a message within 50 blocks, saying how much was left out. */
export function capBlocks(blocks: Block[]): Block[] {
  if (blocks.length <= MAX_BLOCKS) return blocks;
  const kept = blocks.slice(0, MAX_BLOCKS - 1);
  return [...kept, context(`… ${blocks.length - kept.length} more blocks not shown`)];
}

export const STATE_ICON: Record<string, string> = {
  RUNNING: ':large_green_circle:',
  PAUSED: ':double_vertical_bar:',
  STOPPED: ':black_square_for_stop:',
  FAILED: ':red_circle:',
  UNASSIGNED: ':white_circle:',
  RESTARTING: ':arrows_counterclockwise:',
};
export const icon = (state: string | undefined): string =>
  state ? (STATE_ICON[state] ?? ':grey_question:') : ':heavy_minus_sign:';
