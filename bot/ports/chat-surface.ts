import type { FileAttachment, View } from '../commands/command';

export interface MessageRef {
  channel: string;
  ts: string;
}

/**
 * Where one invocation talks back: Slack (bound to a channel, user and response_url) or the console.
 * Implementations redact and enforce Slack's limits; callers just hand over views.
 */
export interface ChatSurface {
  /** A message everyone in the channel sees. */
  post(view: View): Promise<MessageRef>;
  update(ref: MessageRef, view: View): Promise<void>;
  /** Only the invoking user sees it (refusals, usage, help). */
  ephemeral(view: View): Promise<void>;
  attach(file: FileAttachment): Promise<void>;
}
