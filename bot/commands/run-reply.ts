import type { ChatSurface, MessageRef } from '../ports/chat-surface';
import type { Logger } from '../ports/logger';
import { progressView } from '../views/core/notice-views';
import type { View } from '../views/view';
import type { Reply } from './command';

/**
 * The Reply of an approved run, in the request's message. Progress is best-effort: a failed edit (a
 * 429 after the client's retries, a deleted message, a dropped connection) is logged and the run goes
 * on, because stopping an apply half-way to report progress leaves MM2 half-reconfigured. The final
 * view must arrive: when the message cannot be edited, it is posted as a new message instead.
 */
export function runReply(
  surface: ChatSurface,
  existing: MessageRef | undefined,
  log: Logger,
  progress: (text: string) => View = progressView,
): Reply {
  let ref = existing;
  const show = async (view: View) => {
    if (!ref) {
      ref = await surface.post(view);
      return;
    }
    try {
      await surface.update(ref, view);
    } catch (error) {
      log.warn({ err: String(error) }, 'could not edit the run message; posting the outcome anew');
      ref = await surface.post(view);
    }
  };
  return {
    progress: async (text) => {
      if (!ref)
        return show(progress(text)).catch((e: unknown) => log.warn({ err: String(e) }, 'progress not shown'));
      await surface
        .update(ref, progress(text))
        .catch((error: unknown) => log.warn({ err: String(error) }, 'progress not shown'));
    },
    done: (view) => show(view),
    attach: (file) => surface.attach(file),
  };
}
