import { SORTABLE_ID } from '../usecases/audit/sortable-id';
import { auditView, type AuditShape } from '../views/core/audit-view';
import type { CommandSpec } from './command';

export interface AuditReader {
  page(n: number, before?: string): Promise<{ records: AuditShape[]; before?: string }>;
}

export interface AuditArgs {
  n: number;
  /** Show records older than this record id (the cursor the previous page printed). */
  before?: string;
}

const MAX = 100;
const DEFAULT = 10;

const badCount = `n must be a whole number from 1 to ${MAX}.`;
const badCursor =
  '--before takes the record id printed under the previous page (e.g. 20261125T211554123Z-0007-9f3a2b1c).';

/** `/mm2 audit [n] [--before <id>]` in either order; the cursor is user input, so only its exact shape passes. */
export function parseAuditArgs(args: string[]): { ok: true; args: AuditArgs } | { ok: false; error: string } {
  let n: number | undefined;
  let before: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--before') {
      const value = args[++i];
      if (before !== undefined || value === undefined || !SORTABLE_ID.test(value))
        return { ok: false, error: badCursor };
      before = value;
    } else {
      const count = Number(arg);
      if (n !== undefined || !/^\d+$/.test(arg) || count < 1 || count > MAX)
        return { ok: false, error: badCount };
      n = count;
    }
  }
  return { ok: true, args: { n: n ?? DEFAULT, ...(before !== undefined ? { before } : {}) } };
}

/** `/mm2 audit [n] [--before <id>]`: n audited actions, newest first, page by page. */
export function createAuditCommand(deps: { audit: AuditReader }): CommandSpec<AuditArgs> {
  return {
    verb: 'audit',
    role: 'viewer',
    usage: `/mm2 audit [n] [--before <id>]   (n 1-${MAX}, default ${DEFAULT}; --before: the next, older page)`,
    summary: 'recent audited actions',
    parse: parseAuditArgs,
    run: async (_ctx, { n, before }) => {
      const page = await deps.audit.page(n, before);
      return auditView(page.records, { n, before: page.before, paged: before !== undefined });
    },
  };
}
