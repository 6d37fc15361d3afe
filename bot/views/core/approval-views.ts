import type { View } from '../view';
import { actions, context, section } from '../blocks';
import { code, escapeText, mention } from '../mrkdwn';
import type { ApprovalRequest } from '../../usecases/approvals/approval-types';
import { progressView } from './notice-views';

export const APPROVE_ACTION = 'mm2_approval_approve';
export const REJECT_ACTION = 'mm2_approval_reject';

/** What the approval views show of a request. */
export type ApprovalShown = Pick<
  ApprovalRequest,
  | 'id'
  | 'command'
  | 'args'
  | 'summary'
  | 'requester'
  | 'mode'
  | 'expiresAt'
  | 'status'
  | 'decidedBy'
  | 'outcome'
>;

const commandLine = (a: ApprovalShown) => code(['/mm2', a.command, ...a.args].join(' '));

/** The request: what will run, who asked, who may decide, when it expires, and the buttons. */
export function approvalRequestView(request: ApprovalShown, preview?: View): View {
  const who =
    request.mode === 'peer'
      ? 'Needs approval by an *approver* other than the requester.'
      : 'Confirm to run it.';
  return {
    text: `Approval needed: /mm2 ${request.command}`,
    blocks: [
      section(
        `:raised_hand: ${mention(request.requester)} wants to run ${commandLine(request)}\n${escapeText(request.summary)}`,
      ),
      ...(preview?.blocks ?? []).slice(0, 44),
      context(`${who} Expires ${request.expiresAt}. · request ${request.id}`),
      actions(`approval:${request.id}`, [
        {
          text: request.mode === 'peer' ? 'Approve' : 'Confirm',
          actionId: APPROVE_ACTION,
          value: request.id,
          style: 'primary',
        },
        {
          text: request.mode === 'peer' ? 'Reject' : 'Cancel',
          actionId: REJECT_ACTION,
          value: request.id,
          style: 'danger',
        },
      ]),
    ],
  };
}

const STATUS_ICON: Record<ApprovalRequest['status'], string> = {
  pending: ':raised_hand:',
  approved: ':hourglass_flowing_sand:',
  rejected: ':no_entry:',
  expired: ':alarm_clock:',
  done: ':white_check_mark:',
  failed: ':x:',
};

/** The same message once decided: outcome and who decided, no buttons left to click. */
export function approvalOutcomeView(request: ApprovalShown, detail?: View): View {
  const decided = request.decidedBy ? ` by ${mention(request.decidedBy)}` : '';
  const verb: Record<ApprovalRequest['status'], string> = {
    pending: 'Waiting for a decision',
    approved: `Approved${decided}, running…`,
    rejected: `Rejected${decided}`,
    expired: 'Expired without a decision',
    done: `Approved${decided}, done`,
    failed: `Approved${decided}, failed`,
  };
  const line = `${STATUS_ICON[request.status] ?? ''} ${commandLine(request)} requested by ${mention(request.requester)}: ${verb[request.status] ?? escapeText(request.status)}`;
  return {
    text: line,
    blocks: [
      section(line),
      ...(detail?.blocks ?? []).slice(0, 46),
      ...(request.outcome && !detail ? [context(escapeText(request.outcome))] : []),
      context(`request ${request.id}`),
    ],
  };
}

/** The request's message while the approved command runs: its latest progress line. */
export const approvalProgressView = (request: ApprovalShown, text: string): View =>
  approvalOutcomeView({ ...request, status: 'approved' }, progressView(text));

/** A click that may not decide (e.g. the requester approving their own peer request). */
export const decisionRefusedView = (reason: string): View => ({
  text: reason,
  blocks: [context(`:no_entry_sign: ${escapeText(reason)}`)],
});

/** A click on a request someone already decided. */
export const alreadyDecidedView = (request: ApprovalShown): View => ({
  text: 'Already decided.',
  blocks: [
    context(
      `This request is already *${escapeText(request.status)}*${request.decidedBy ? ` (by ${escapeText(request.decidedBy)})` : ''}.`,
    ),
  ],
});
