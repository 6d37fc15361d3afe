import type { ChannelMessenger } from '../ports/channel-messenger';
import type { Logger } from '../ports/logger';
import type { Approvals } from '../usecases/approvals/approvals';
import { approvalOutcomeView } from '../views/core/approval-views';

/**
 * Every `intervalMs`: expires due approval requests and fails approved ones whose runner stopped
 * beating for `interruptedAfterMs` (a crash mid-run), and edits their messages, so no dead buttons
 * or endless "running…" stay.
 */
export function startApprovalExpiry(deps: {
  approvals: Approvals;
  messenger: ChannelMessenger;
  log: Logger;
  intervalMs: number;
  interruptedAfterMs: number;
}): { stop(): Promise<void> } {
  const sweep = async () => {
    const ended = [
      ...(await deps.approvals.expireDue()),
      ...(await deps.approvals.failInterrupted(deps.interruptedAfterMs)),
    ];
    for (const request of ended) {
      if (request.message)
        await deps.messenger.update(
          request.message.channel,
          request.message.ts,
          approvalOutcomeView(request),
        );
    }
  };
  // Single flight: a sweep slower than the interval (a slow store) is not started again while it runs.
  let running: Promise<void> | undefined;
  const timer = setInterval(() => {
    running ??= sweep()
      .catch((error: unknown) => deps.log.warn({ err: String(error) }, 'approval expiry sweep failed'))
      .finally(() => (running = undefined));
  }, deps.intervalMs);
  timer.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
}
