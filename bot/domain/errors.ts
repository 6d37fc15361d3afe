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
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly hint?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'AppError';
  }
}

export const isAppError = (error: unknown, code?: ErrorCode): error is AppError =>
  error instanceof AppError && (code === undefined || error.code === code);
