import { isAppError } from '../domain/errors';
import type { ChatSurface } from '../ports/chat-surface';
import type { Logger } from '../ports/logger';
import { errorView, internalErrorView } from '../views/core/notice-views';

/** Tells the caller what went wrong (only them), and logs it: a warning for an AppError, else a crash. */
export async function reportError(
  error: unknown,
  correlationId: string,
  surface: ChatSurface,
  log: Logger,
  redact: (text: string) => string,
): Promise<void> {
  const view = isAppError(error) ? errorView(error, correlationId) : internalErrorView(correlationId);
  if (isAppError(error)) log.warn({ code: error.code, message: redact(error.message) }, 'command failed');
  else log.error({ err: redact(String((error as Error)?.stack ?? error)) }, 'command crashed');
  await surface
    .ephemeral(view)
    .catch((e: unknown) => log.error({ err: String(e) }, 'could not report the error'));
}
