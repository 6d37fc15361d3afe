import type { RespondArguments } from '@slack/bolt';

/**
 * A slash command's acknowledgement, held back for a short while so a quick answer can travel in it
 * (Slack shows an ack's payload as the command's response): one frame on the socket instead of an ack
 * plus a Web API call. Whatever happens, exactly one ack goes out, and never later than the budget.
 */
export interface PendingAck {
  /** Sends `payload` as the ack; false when the ack already went (bare), so the caller posts instead. */
  answer(payload: RespondArguments): Promise<boolean>;
  /** Sends a bare ack unless one went already. */
  settle(): Promise<void>;
}

/**
 * Slack drops a command not acknowledged within 3 seconds; the budget leaves room for the trip to
 * Slack and a busy event loop.
 */
export const ACK_ANSWER_BUDGET_MS = 1500;

export function pendingAck(
  ack: (payload?: RespondArguments) => Promise<void>,
  onLateAckError: (error: unknown) => void,
  budgetMs = ACK_ANSWER_BUDGET_MS,
): PendingAck {
  let sent = false;
  const take = (): boolean => {
    if (sent) return false;
    sent = true;
    clearTimeout(timer);
    return true;
  };
  const settle = async () => {
    if (take()) await ack();
  };
  const timer = setTimeout(() => void settle().catch(onLateAckError), budgetMs);
  return {
    async answer(payload) {
      if (!take()) return false;
      await ack(payload);
      return true;
    },
    settle,
  };
}
