import type { Block, View } from './view';
import { context, LIMITS } from './blocks';

// Broadcasts and group pings the bot never sends on purpose, whatever a remote system echoed.
const BROADCASTS = /<!(channel|here|everyone)(\|[^>]*)?>|<!subteam\^[^>]*>/gi;

/** Last guard before a view leaves the bot: redacted, no broadcast mentions, within the block limit. */
export function fitToSlack(view: View, redact: <T>(value: T) => T): View {
  const safe = redact(view);
  const blocks: Block[] =
    safe.blocks.length > LIMITS.blocks
      ? [...safe.blocks.slice(0, LIMITS.blocks - 1), context('… more in the attached file or the next page.')]
      : safe.blocks;
  const json = JSON.stringify({ text: safe.text.slice(0, 3000), blocks }).replace(BROADCASTS, (m) =>
    m.replace('<!', '&lt;!').replace('>', '&gt;'),
  );
  return JSON.parse(json) as View;
}
