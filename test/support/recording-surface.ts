import { AppError } from '../../bot/domain/errors';
import type { ChatSurface, MessageRef } from '../../bot/ports/chat-surface';
import type { View } from '../../bot/views/view';

/**
 * A command's chat surface in channel C1 that records what it was shown: `posts` (posts, answers,
 * ephemerals), `updates` (edits) and `shown` (both, in order). Posts get ts `1.0`, `2.0`, …
 * `updateFails` makes every edit fail as Slack's chat.update does when rate limited.
 */
export function recordingSurface(options: { updateFails?: boolean } = {}) {
  const posts: View[] = [];
  const updates: Array<{ ref: MessageRef; view: View }> = [];
  const shown: View[] = [];
  let next = 1;
  const record = (view: View) => void (posts.push(view), shown.push(view));
  const surface: ChatSurface = {
    post: async (view) => (record(view), { channel: 'C1', ts: `${next++}.0` }),
    answer: async (view) => record(view),
    update: async (ref, view) => {
      if (options.updateFails) throw new AppError('SLACK_ERROR', 'Slack refused chat.update: ratelimited');
      updates.push({ ref, view });
      shown.push(view);
    },
    ephemeral: async (view) => record(view),
    attach: async () => undefined,
  };
  return { surface, posts, updates, shown };
}
