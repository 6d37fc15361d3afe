import { AppError } from '../../domain/errors';

export interface ConnectAnswer {
  status: number;
  body: string;
}

const REBALANCE = /rebalance is expected|rebalance is in progress|rebalancing/i;

/** Connect's error body is `{ "error_code": 409, "message": "..." }`; fall back to the raw text. */
export function connectMessage(answer: ConnectAnswer): string {
  try {
    const parsed = JSON.parse(answer.body) as { message?: unknown };
    if (typeof parsed.message === 'string' && parsed.message.length > 0) return parsed.message;
  } catch {
    // not JSON: use the text as is
  }
  return answer.body.trim().slice(0, 500) || `HTTP ${answer.status}`;
}

/** 409 and 500 "rebalance is expected" go away by themselves; validation errors (400) never do. */
export function isRetryableAnswer(answer: ConnectAnswer): boolean {
  if (answer.status === 409) return true;
  return answer.status >= 500 && REBALANCE.test(connectMessage(answer));
}

export function toAppError(
  answer: ConnectAnswer,
  call: { url: string; method: string; path: string; attempts: number },
): AppError {
  const message = connectMessage(answer);
  const where = `${call.method} ${call.path}`;
  if (isRetryableAnswer(answer)) {
    return new AppError(
      'CONNECT_REBALANCING',
      `Kafka Connect is still rebalancing after ${call.attempts} attempts (${where}): ${message}`,
      'Wait for the workers to settle (see /mm2 status) and try again.',
    );
  }
  if (answer.status === 404) {
    return new AppError(
      'NOT_FOUND',
      `Kafka Connect: ${message} (${where})`,
      'Check the name with /mm2 status.',
    );
  }
  return new AppError('CONNECT_REJECTED', `Kafka Connect rejected ${where}: ${message}`);
}
