import type { MessageMark } from '../../ports/channel-messenger';
import type { ApprovalRequest } from './approval-types';

/**
 * The label on an approval request's message. The request is stored before its message is posted, and
 * the message's ts is recorded after: a crash in between leaves a request without its message, which
 * the sweep then finds by this mark (the invocation's correlation id, known before any post, since a
 * preview's progress line may already have posted the message).
 */
export const approvalMark = (correlationId: string): MessageMark => ({
  type: 'mm2_approval_request',
  fields: { correlation_id: correlationId },
});

/**
 * The mark of a request's message once the request exists. A reply in a thread also names the request:
 * one approval flow (one correlation id) can post several step requests in the same cutover thread.
 */
export const approvalMarkOf = (
  request: Pick<ApprovalRequest, 'id' | 'correlationId' | 'thread'>,
): MessageMark => {
  const mark = approvalMark(request.correlationId);
  return request.thread ? { ...mark, fields: { ...mark.fields, approval_id: request.id } } : mark;
};

/** How far before the request's creation its message may have been posted (a slow preview). */
export const APPROVAL_MARK_LOOKBACK_MS = 10 * 60_000;
