import { auditView, type AuditShape } from '../views/core/audit-view';
import type { CommandSpec } from './command';

export interface AuditReader {
  recent(n: number): Promise<AuditShape[]>;
}

const MAX = 100;

/** `/mm2 audit [n]`: the last n audited actions, newest first. */
export function createAuditCommand(deps: { audit: AuditReader }): CommandSpec<number> {
  return {
    verb: 'audit',
    role: 'viewer',
    usage: `/mm2 audit [n]   (1-${MAX}, default 10)`,
    summary: 'recent audited actions',
    parse: (args) => {
      if (args.length === 0) return { ok: true, args: 10 };
      const n = Number(args[0]);
      return args.length === 1 && Number.isInteger(n) && n >= 1 && n <= MAX
        ? { ok: true, args: n }
        : { ok: false, error: `n must be a whole number from 1 to ${MAX}.` };
    },
    run: async (_ctx, n) => auditView(await deps.audit.recent(n)),
  };
}
