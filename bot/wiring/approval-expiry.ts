import type { ChannelMessenger } from '../ports/channel-messenger';
import type { Logger } from '../ports/logger';
import type { Approvals } from '../usecases/approvals/approvals';
import { approvalOutcomeView } from '../views/core/approval-views';

/** Expires due approval requests every `intervalMs` and edits their messages, so no dead buttons stay. */
export function startApprovalExpiry(deps: {
  approvals: Approvals;
  messenger: ChannelMessenger;
  log: Logger;
  intervalMs: number;
}): { stop(): void } {
  const sweep = async () => {
    for (const request of await deps.approvals.expireDue()) {
      if (request.message)
        await deps.messenger.update(
          request.message.channel,
          request.message.ts,
          approvalOutcomeView(request),
        );
    }
  };
  const timer = setInterval(
    () =>
      void sweep().catch((error: unknown) =>
        deps.log.warn({ err: String(error) }, 'approval expiry sweep failed'),
      ),
    deps.intervalMs,
  );
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
