// Run as a separate process by the approvals tests:
// `tsx approval-worker.ts <state dir> <request id> <approver> <start at, epoch ms>` prints the decision kind.
import { FileStateStore } from '../../bot/adapters/store/file-state-store';
import { systemClock } from '../../bot/domain/clock';
import { createRedactor } from '../../bot/domain/redactor';
import { Approvals } from '../../bot/usecases/approvals/approvals';
import { StoreAuditLog } from '../../bot/usecases/audit/store-audit-log';
import { RoleResolver } from '../../bot/usecases/roles/role-resolver';

async function main() {
  const [dir, id, approver, startAt] = process.argv.slice(2);
  const store = new FileStateStore({ dir: dir! });
  const roles = new RoleResolver({ bindings: { approver: [approver!] }, clock: systemClock, ttlMs: 60_000 });
  const audit = new StoreAuditLog({ store, clock: systemClock, redactor: createRedactor() });
  const approvals = new Approvals({ store, clock: systemClock, roles, audit, ttlMs: 600_000 });
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, Number(startAt) - Date.now())));
  const decision = await approvals.decide(id!, approver!, 'approve');
  process.stdout.write(`${decision.kind}\n`);
}

main().catch((error: unknown) => {
  process.stdout.write(`error ${String(error)}\n`);
  process.exitCode = 1;
});
