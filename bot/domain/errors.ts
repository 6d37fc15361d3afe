/** Stable error codes: adapters translate vendor errors into these, users see the message and hint. */
export type ErrorCode =
  | 'BAD_INPUT'
  | 'CONFIG_INVALID'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'TIMEOUT'
  | 'STATE_CONFLICT'
  | 'STATE_UNAVAILABLE'
  | 'APPROVAL_STALE'
  | 'CONNECT_UNREACHABLE'
  | 'CONNECT_REJECTED'
  | 'CONNECT_REBALANCING'
  | 'PROMETHEUS_UNREACHABLE'
  | 'KAFKA_UNREACHABLE'
  | 'AWS_UNREACHABLE'
  | 'AWS_NOT_AVAILABLE'
  | 'GRAFANA_UNREACHABLE'
  | 'GRAFANA_NO_RENDERER'
  | 'SLACK_ERROR'
  | 'INTERNAL';

export class AppError extends Error {
  /**
   * A write whose answer never came back (the connection dropped or timed out after it was sent): it
   * may have taken effect, so whoever lists what was and was not done must not call it "not done".
   */
  readonly outcomeUnknown: boolean;

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly hint?: string,
    options?: { cause?: unknown; outcomeUnknown?: boolean },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.outcomeUnknown = options?.outcomeUnknown ?? false;
  }
}

export const isAppError = (error: unknown, code?: ErrorCode): error is AppError =>
  error instanceof AppError && (code === undefined || error.code === code);
