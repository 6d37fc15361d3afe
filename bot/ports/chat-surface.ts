import type { FileAttachment, View } from '../views/view';
import type { MessageMark } from './channel-messenger';

export interface MessageRef {
  channel: string;
  ts: string;
}

/**
 * Where one invocation talks back: Slack (bound to a channel, user and response_url) or the console.
 * Implementations redact and enforce Slack's limits; callers just hand over views.
 */
export interface ChatSurface {
  /**
   * A message everyone in the channel sees. `mark` labels it (message metadata) so it can be found
   * again after a crash between posting it and recording its ts.
   */
  post(view: View, mark?: MessageMark): Promise<MessageRef>;
  /**
   * A command's last word to the channel, when nothing will update it later: Slack may carry it in
   * the command's acknowledgement (no message ts comes back), others post it.
   */
  answer(view: View): Promise<void>;
  update(ref: MessageRef, view: View): Promise<void>;
  /** Only the invoking user sees it (refusals, usage, help). */
  ephemeral(view: View): Promise<void>;
  attach(file: FileAttachment): Promise<void>;
}
