import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { FileStateStore } from '../../../bot/adapters/store/file-state-store';
import { systemClock } from '../../../bot/domain/clock';
import { createRedactor } from '../../../bot/domain/redactor';
import { Approvals } from '../../../bot/usecases/approvals/approvals';
import { StoreAuditLog } from '../../../bot/usecases/audit/store-audit-log';
import { RoleResolver } from '../../../bot/usecases/roles/role-resolver';

jest.setTimeout(60_000);

const run = promisify(execFile);
const TSX = join(__dirname, '..', '..', '..', 'node_modules', '.bin', 'tsx');
const WORKER = join(__dirname, '..', '..', 'support', 'approval-worker.ts');

test('two bot processes: approvers click at the same moment, exactly one executes and one approval is audited', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mm2-approvals-proc-'));
  try {
    const store = new FileStateStore({ dir });
    const audit = new StoreAuditLog({ store, clock: systemClock, redactor: createRedactor() });
    const roles = new RoleResolver({ bindings: {}, clock: systemClock, ttlMs: 1 });
    const approvals = new Approvals({ store, clock: systemClock, roles, audit, ttlMs: 600_000 });
    const request = await approvals.request({
      command: 'deploy',
      args: ['all'],
      summary: 'deploy all',
      requester: 'UOPS',
      channel: 'C1',
      mode: 'peer',
      correlationId: 'corr-proc',
    });
    // Process start-up takes about a second here; both wait for a common instant.
    const startAt = String(Date.now() + 3000);
    const outputs = await Promise.all(
      ['UAPP1', 'UAPP2'].map(async (u) =>
        (await run(TSX, [WORKER, dir, request.id, u, startAt])).stdout.trim(),
      ),
    );
    expect(outputs.sort()).toEqual(['already-decided', 'execute']);
    expect((await audit.recent(10)).filter((r) => r.outcome === 'approved')).toHaveLength(1);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
