import type { MessageMark } from '../ports/channel-messenger';
import type { ChatSurface, MessageRef } from '../ports/chat-surface';
import type { Reply } from './command';
import type { View } from '../views/view';
import { progressView } from '../views/core/notice-views';

/**
 * A Reply that keeps to one message: the first progress line posts it, later ones update it in
 * place, and the final view replaces it. `existing` continues a message (e.g. an approval request).
 */
export function messageReply(
  surface: ChatSurface,
  existing?: MessageRef,
  /** Labels the message when it is first posted (see ChatSurface.post). */
  mark?: MessageMark,
): Reply & { message(): MessageRef | undefined; finish(view: View): Promise<void> } {
  let ref = existing;
  const show = async (view: Parameters<ChatSurface['post']>[0]) => {
    if (ref) await surface.update(ref, view);
    else ref = await surface.post(view, mark);
  };
  return {
    progress: (text) => show(progressView(text)),
    done: (view) => show(view),
    attach: (file) => surface.attach(file),
    message: () => ref,
    /** The final view when nothing needs its ts later: a shown progress message is replaced, else answered. */
    finish: (view) => (ref ? surface.update(ref, view) : surface.answer(view)),
  };
}
