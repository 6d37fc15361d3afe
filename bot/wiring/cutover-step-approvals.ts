import type { Approvals } from '../usecases/approvals/approvals';
import type { StepApprovals } from '../usecases/cutover/engine';

/**
 * A cutover step's approval: an ordinary approval request for `/mm2 cutover run <cutover> <step>`,
 * posted in the cutover's thread, which it records before the post (see ApprovalRequest.thread).
 */
export const cutoverStepApprovals = (approvals: Pick<Approvals, 'request' | 'get'>): StepApprovals => ({
  request: async ({ cutover, step, requester, mode, correlationId }) =>
    approvals.request({
      command: 'cutover',
      args: ['run', cutover.id, step.key],
      summary: `Cutover ${cutover.id}: ${step.title}${step.pointOfNoReturn ? ' (point of no return)' : ''}`,
      requester,
      channel: cutover.channel,
      mode,
      correlationId,
      role: 'operator',
      ...(cutover.root ? { thread: cutover.root.ts } : {}),
    }),
  status: (id) => approvals.get(id),
});
