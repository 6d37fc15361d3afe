import type { Runbook } from '../domain/runbook/runbook-schema';

/** Where runbooks come from (connectors/runbooks/<name>.yml). Rejects with `CONFIG_INVALID` naming the file and field. */
export interface RunbookSource {
  /** Every runbook, parsed and validated (called at start, so a bad runbook stops the bot). */
  loadAll(): Promise<Map<string, Runbook>>;
}
