import type { AuditInput } from '../../bot/ports/audit-log';

/** A plain audited `/mm2 status`, told apart by its correlation id. */
export const auditEntry = (correlationId: string): AuditInput => ({
  user: 'U1',
  channel: 'C1',
  command: 'status',
  args: [],
  outcome: 'ok',
  correlationId,
});
