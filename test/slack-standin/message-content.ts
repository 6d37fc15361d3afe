import { LIMITS, validateBlocks } from './block-limits';
import type { Block } from './types';

export interface MessageContent {
  text: string;
  blocks: Block[];
}

export type ContentVerdict =
  { ok: true; content: MessageContent } | { ok: false; error: string; messages?: string[] };

/**
 * The text/blocks part of a message as Slack checks it: blocks arrive as an array (JSON body) or a JSON
 * string (form body); a message needs text, blocks or attachments (`no_text`); text is capped
 * (`msg_too_long`); blocks must respect Block Kit limits (`invalid_blocks`).
 */
export function readMessageContent(
  args: Record<string, unknown>,
  opts: { requireContent: boolean },
): ContentVerdict {
  let blocks: unknown = args.blocks;
  if (typeof blocks === 'string') {
    if (blocks.trim() === '') blocks = undefined;
    else {
      try {
        blocks = JSON.parse(blocks);
      } catch {
        return { ok: false, error: 'invalid_blocks_format' };
      }
    }
  }
  const text = args.text === undefined || args.text === null ? '' : String(args.text);
  const hasAttachments =
    args.attachments !== undefined && args.attachments !== '' && args.attachments !== '[]';
  const hasBlocks = Array.isArray(blocks) ? blocks.length > 0 : blocks !== undefined;
  if (opts.requireContent && text === '' && !hasBlocks && !hasAttachments)
    return { ok: false, error: 'no_text' };
  if (text.length > LIMITS.messageText) return { ok: false, error: 'msg_too_long' };
  if (blocks !== undefined) {
    const verdict = validateBlocks(blocks);
    if (!verdict.ok) return { ok: false, error: verdict.error, messages: verdict.messages };
  }
  return { ok: true, content: { text, blocks: (blocks as Block[] | undefined) ?? [] } };
}

/** Every human-readable string in a message (text, and every `text` field nested in its blocks). */
export function textsOf(content: MessageContent): string[] {
  const out: string[] = content.text === '' ? [] : [content.text];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (typeof v === 'object' && v !== null) {
      for (const [k, inner] of Object.entries(v)) {
        if (k === 'text' && typeof inner === 'string') out.push(inner);
        else walk(inner);
      }
    }
  };
  walk(content.blocks);
  return out;
}
