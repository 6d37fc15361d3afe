import type { Block } from './view';
import { truncate } from './mrkdwn';

// Slack's published limits for the blocks we use.
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

/** A code block that fits one section, however long the text. */
export const preformatted = (text: string): Block =>
  section('```' + truncate(text, LIMITS.sectionText - 6) + '```');
