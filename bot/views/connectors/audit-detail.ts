import type { View } from '../view';

/** A view that carries what the audit record should keep (the redacted diff), not shown to users. */
export type AuditedView = View & { auditDetail?: string };

export const withAuditDetail = (view: View, detail: string): AuditedView => ({
  ...view,
  auditDetail: detail,
});

/** For the dispatcher: the redacted diff/outcome a mutating connector command wants audited. */
export const auditDetailOf = (view: View): string | undefined => (view as AuditedView).auditDetail;
