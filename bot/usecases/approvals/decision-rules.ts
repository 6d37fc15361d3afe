import { satisfies, type Role } from '../../domain/roles';
import type { ApprovalRequest } from './approval-types';

export type Verdict = { allowed: true } | { allowed: false; reason: string };

const you = (role: Role | undefined) =>
  role ? `you are ${role === 'viewer' ? 'a' : 'an'} ${role}` : 'you have no role here';

/**
 * Who may decide. Peer: approving needs `approver` and someone other than the requester; rejecting
 * needs `approver`, or being the requester (withdrawing). Self: only the requester, who must still
 * hold the command's role, confirms or cancels.
 */
export function mayDecide(
  request: ApprovalRequest,
  userId: string,
  decision: 'approve' | 'reject',
  role: Role | undefined,
): Verdict {
  const isRequester = userId === request.requester;
  if (request.mode === 'self') {
    if (!isRequester)
      return {
        allowed: false,
        reason: `Only the requester (${request.requester}) can confirm or cancel this request.`,
      };
    if (decision === 'approve' && !satisfies(role, request.role))
      return {
        allowed: false,
        reason: `Confirming /mm2 ${request.command} needs the ${request.role} role; ${you(role)}.`,
      };
    return { allowed: true };
  }
  if (decision === 'reject')
    return isRequester || satisfies(role, 'approver')
      ? { allowed: true }
      : {
          allowed: false,
          reason: `Rejecting needs the approver role (or being the requester); ${you(role)}.`,
        };
  if (isRequester)
    return {
      allowed: false,
      reason: 'You asked for this, so another person with the approver role must approve it (peer approval).',
    };
  if (!satisfies(role, 'approver'))
    return { allowed: false, reason: `Approving needs the approver role; ${you(role)}.` };
  return { allowed: true };
}
