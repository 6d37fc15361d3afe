import type { App, BlockButtonAction } from '@slack/bolt';
import type { Dispatcher } from '../../commands/dispatcher';
import { APPROVE_ACTION, REJECT_ACTION } from '../../views/core/approval-views';
import { slackSurface } from '../slack-surface';

/** Approve / Reject buttons on approval requests. */
export function registerApprovalActions(
  app: App,
  deps: { dispatcher: Dispatcher; redact: <T>(v: T) => T },
): void {
  for (const [actionId, decision] of [
    [APPROVE_ACTION, 'approve'],
    [REJECT_ACTION, 'reject'],
  ] as const) {
    app.action<BlockButtonAction>(actionId, async ({ ack, body, action, client, respond }) => {
      await ack();
      const channel = body.channel?.id ?? body.container.channel_id ?? '';
      const surface = slackSurface({ client, channel, user: body.user.id, respond }, deps.redact);
      const message = body.message?.ts ? { channel, ts: body.message.ts } : undefined;
      await deps.dispatcher.decide(
        { user: body.user.id, channel, approvalId: action.value ?? '', decision, message },
        surface,
      );
    });
  }
}
