import type { Block } from './view';
import { clip, escapeText, truncate } from './mrkdwn';

/** Slack's published limits for the blocks we use: the one set every view keeps to. */
export const LIMITS = {
  blocks: 50,
  sectionText: 3000,
  headerText: 150,
  contextText: 2000,
  buttonValue: 2000,
  buttonText: 75,
  id: 255,
};

export const header = (text: string): Block => ({
  type: 'header',
  text: { type: 'plain_text', text: truncate(text, LIMITS.headerText), emoji: true },
});

export const section = (mrkdwn: string): Block => ({
  type: 'section',
  text: { type: 'mrkdwn', text: truncate(mrkdwn, LIMITS.sectionText) },
});

export const context = (mrkdwn: string): Block => ({
  type: 'context',
  elements: [{ type: 'mrkdwn', text: truncate(mrkdwn, LIMITS.contextText) }],
});

export const divider = (): Block => ({ type: 'divider' });

export interface ButtonSpec {
  text: string;
  actionId: string;
  value: string;
  style?: 'primary' | 'danger';
}

export const actions = (blockId: string, buttons: ButtonSpec[]): Block => ({
  type: 'actions',
  block_id: blockId.slice(0, LIMITS.id),
  elements: buttons.map((b) => ({
    type: 'button',
    text: { type: 'plain_text', text: truncate(b.text, LIMITS.buttonText) },
    action_id: b.actionId.slice(0, LIMITS.id),
    value: b.value.slice(0, LIMITS.buttonValue),
    ...(b.style ? { style: b.style } : {}),
  })),
});

/** A code block (with an optional title line) that stays within a section's limit, fences included. */
export const codeBlock = (text: string, title?: string): Block => {
  const prefix = title ? `${title}\n` : '';
  const room = LIMITS.sectionText - prefix.length - 8;
  return section(`${prefix}\`\`\`${clip(escapeText(text).replace(/```/g, "'''"), room)}\`\`\``);
};

/** Keeps a message within Slack's block limit, saying how much was left out. */
export function capBlocks(blocks: Block[]): Block[] {
  if (blocks.length <= LIMITS.blocks) return blocks;
  const kept = blocks.slice(0, LIMITS.blocks - 1);
  return [...kept, context(`… ${blocks.length - kept.length} more blocks not shown`)];
}
