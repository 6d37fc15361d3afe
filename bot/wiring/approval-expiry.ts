import type { ChannelMessenger } from '../ports/channel-messenger';
import type { Logger } from '../ports/logger';
import type { RunEngine } from '../usecases/approvals/run-engine';
import { approvalOutcomeView } from '../views/core/approval-views';
import { APPROVAL_MARK_LOOKBACK_MS, approvalMarkOf } from '../usecases/approvals/approval-mark';
import type { ApprovalRequest } from '../usecases/approvals/approval-types';

/**
 * Every `intervalMs`: the run engine's sweep (expired requests, runs interrupted by a crash), and
 * their messages edited, so no dead buttons or endless "running…" stay.
 */
export function startApprovalExpiry(deps: {
  runs: Pick<RunEngine, 'sweep' | 'current'>;
  messenger: ChannelMessenger;
  log: Logger;
  intervalMs: number;
}): { stop(): Promise<void> } {
  /**
   * A request whose message was posted but not recorded (a crash in between): found by its mark, in
   * its thread (replies are not in the channel's history) or among the top-level messages.
   */
  const findMessage = async (request: ApprovalRequest) => {
    const since = Date.parse(request.createdAt) - APPROVAL_MARK_LOOKBACK_MS;
    const mark = approvalMarkOf(request);
    const ts = request.thread
      ? await deps.messenger.findInThread(request.channel, request.thread, mark)
      : await deps.messenger.findMarked(request.channel, mark, since);
    return ts ? { channel: request.channel, ts } : undefined;
  };
  const sweep = async () => {
    for (const ended of await deps.runs.sweep()) {
      // Shown as stored now: a runner presumed dead that finished meanwhile has shown its own outcome.
      const request = (await deps.runs.current(ended.id)) ?? ended;
      if (request.completedBy === 'runner') continue;
      const message = request.message ?? (await findMessage(request));
      if (message) await deps.messenger.update(message.channel, message.ts, approvalOutcomeView(request));
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
