// Slack turns these tokens into pings when they appear in mrkdwn (a message's top-level `text` and mrkdwn
// text objects); plain_text objects are shown verbatim. A bot that echoes user input must escape `<`, `>`
// and `&` (as &lt; &gt; &amp;) or it can be made to ping a channel.

import type { StoredMessage } from './types';

const MENTION =
  /<(@[UW][A-Z0-9]+(?:\|[^>]*)?|!(?:channel|here|everyone)(?:\|[^>]*)?|!subteam\^[A-Z0-9]+(?:\|[^>]*)?)>/g;

/** The mention tokens Slack would render as pings in this mrkdwn string, e.g. `<!channel>`, `<@U123>`. */
export function mentionsIn(mrkdwn: string): string[] {
  return [...mrkdwn.matchAll(MENTION)].map((m) => m[0]);
}

/** The mrkdwn strings of a message version: its `text` and every `{type:'mrkdwn', text}` in its blocks. */
export function mrkdwnTexts(text: string, blocks: unknown): string[] {
  const out = text === '' ? [] : [text];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (typeof v === 'object' && v !== null) {
      const o = v as Record<string, unknown>;
      if (o.type === 'mrkdwn' && typeof o.text === 'string') out.push(o.text);
      else if (o.type === 'markdown' && typeof o.text === 'string') out.push(o.text);
      else Object.values(o).forEach(walk);
    }
  };
  walk(blocks);
  return out;
}

export interface PostedMention {
  channel: string;
  ts: string;
  mention: string;
  /** The mrkdwn string it was found in. */
  in: string;
}

/** Every ping-capable mention in every version of the given messages. */
export function mentionsPosted(messages: StoredMessage[]): PostedMention[] {
  return messages.flatMap((m) =>
    m.history.flatMap((v) =>
      mrkdwnTexts(v.text, v.blocks).flatMap((s) =>
        mentionsIn(s).map((mention) => ({ channel: m.channel, ts: m.ts, mention, in: s })),
      ),
    ),
  );
}
