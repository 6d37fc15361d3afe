import { randomBytes } from 'node:crypto';
import type { Clock } from '../../domain/clock';
import { AppError, isAppError } from '../../domain/errors';
import type { Role } from '../../domain/roles';
import type { AuditInput } from '../../ports/audit-log';
import type { Logger } from '../../ports/logger';
import type { StateStore, Versioned } from '../../ports/state-store';
import type { MessageRef } from '../../ports/chat-surface';
import type { ApprovalRequest, Decision, NewApproval } from './approval-types';
import { mayDecide } from './decision-rules';

export interface ApprovalsDeps {
  store: StateStore;
  clock: Clock;
  roles: { highestRole(userId: string): Promise<Role | undefined> };
  audit: { append(input: AuditInput): Promise<unknown> };
  /** How long a request stays open. */
  ttlMs: number;
  newId?: () => string;
  log?: Logger;
}

const PREFIX = 'approvals/';
const keyOf = (id: string) => `${PREFIX}${id}.json`;
const VALID_ID = /^[A-Za-z0-9_-]{1,64}$/;
const INTERRUPTED =
  'Interrupted: the bot stopped while this ran. Check `/mm2 status`, then run the command again if needed.';
/** Compare-and-set retries when a write raced with a harmless one (e.g. attachMessage). */
const MAX_ATTEMPTS = 8;

/**
 * The approval primitive. State lives in the StateStore, so it survives restarts and is shared by
 * replicas; every transition is a compare-and-set on the request's version, so of any number of
 * concurrent clicks (also from several processes) exactly one turns `pending` into `approved`.
 */
export class Approvals {
  private readonly newId: () => string;

  constructor(private readonly deps: ApprovalsDeps) {
    this.newId = deps.newId ?? (() => `${deps.clock.now().toString(36)}${randomBytes(5).toString('hex')}`);
  }

  async request(input: NewApproval): Promise<ApprovalRequest> {
    const now = this.deps.clock.now();
    const request: ApprovalRequest = {
      id: this.newId(),
      command: input.command,
      args: [...input.args],
      summary: input.summary,
      requester: input.requester,
      channel: input.channel,
      mode: input.mode,
      role: input.role ?? 'operator',
      createdAt: new Date(now).toISOString(),
      expiresAt: new Date(now + this.deps.ttlMs).toISOString(),
      status: 'pending',
      correlationId: input.correlationId,
      ...(input.digest ? { digest: input.digest } : {}),
      ...(input.thread ? { thread: input.thread } : {}),
    };
    await this.deps.store.put(keyOf(request.id), request, 'absent');
    return request;
  }

  async get(id: string): Promise<ApprovalRequest | undefined> {
    if (!VALID_ID.test(id)) return undefined;
    return (await this.deps.store.get<ApprovalRequest>(keyOf(id)))?.value;
  }

  async attachMessage(id: string, message: MessageRef): Promise<void> {
    await this.update(id, (current) => ({
      ...current,
      message: { channel: message.channel, ts: message.ts },
    }));
  }

  async decide(id: string, userId: string, decision: 'approve' | 'reject'): Promise<Decision> {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const current = await this.load(id);
      const request = current.value;
      if (request.status !== 'pending') return { kind: 'already-decided', request };
      const now = this.deps.clock.now();
      if (now >= Date.parse(request.expiresAt)) {
        const expired = await this.transition(current, {
          status: 'expired',
          decidedAt: new Date(now).toISOString(),
        });
        if (!expired) continue;
        await this.audited(expired, userId, 'expired', 'The request expired before this decision.');
        return { kind: 'expired', request: expired };
      }
      const verdict = mayDecide(request, userId, decision, await this.deps.roles.highestRole(userId));
      if (!verdict.allowed) {
        await this.audited(request, userId, 'refused', `${decision} refused: ${verdict.reason}`);
        return { kind: 'refused', reason: verdict.reason, request };
      }
      const decided = await this.transition(current, {
        status: decision === 'approve' ? 'approved' : 'rejected',
        decidedBy: userId,
        decidedAt: new Date(now).toISOString(),
      });
      if (!decided) continue; // someone wrote first: look again (decided, or just a message attached)
      await this.audited(decided, userId, decided.status, `request ${decided.id} by ${decided.requester}`);
      return decision === 'approve'
        ? { kind: 'execute', request: decided }
        : { kind: 'rejected', request: decided };
    }
    throw new AppError(
      'STATE_CONFLICT',
      'The approval request kept changing while deciding.',
      'Click again.',
    );
  }

  /**
   * Records the result of an executed request (`approved` -> `done` | `failed`). Idempotent. A request
   * the sweep presumed interrupted while its runner was in fact alive takes the runner's own outcome:
   * the runner knows what it did, so the store, the audit and the message end up telling the same.
   */
  async complete(id: string, outcome: { ok: boolean; text: string }): Promise<ApprovalRequest> {
    return this.update(id, (current) => {
      const presumedDead = current.status === 'failed' && current.interruptedAt && !current.completedBy;
      if ((current.status === 'done' || current.status === 'failed') && !presumedDead) return undefined;
      if (current.status !== 'approved' && !presumedDead)
        throw new AppError(
          'BAD_INPUT',
          `Request ${id} is ${current.status}, not approved: there is nothing to complete.`,
        );
      return {
        ...current,
        status: outcome.ok ? 'done' : 'failed',
        outcome: outcome.text.slice(0, 500),
        completedAt: new Date(this.deps.clock.now()).toISOString(),
        completedBy: 'runner',
      };
    });
  }

  /**
   * The runner of an approved request is alive: stamps `heartbeatAt` (no-op once finished). Returns
   * the request as stored, so the runner learns when the sweep has ended it meanwhile.
   */
  async heartbeat(id: string): Promise<ApprovalRequest> {
    return this.update(id, (current) =>
      current.status === 'approved'
        ? { ...current, heartbeatAt: new Date(this.deps.clock.now()).toISOString() }
        : undefined,
    );
  }

  /**
   * Approved requests whose runner stopped beating for `staleMs` (the process died mid-run) become
   * `failed`, saying so; returns them, so their messages can say it too. Nothing is re-run: after a
   * crash a person should look at the state first.
   */
  async failInterrupted(staleMs: number): Promise<ApprovalRequest[]> {
    const now = this.deps.clock.now();
    const failed: ApprovalRequest[] = [];
    for (const current of await this.stored()) {
      const request = current.value;
      if (request.status !== 'approved') continue;
      const lastSign = Date.parse(request.heartbeatAt ?? request.decidedAt ?? request.createdAt);
      if (now - lastSign < staleMs) continue;
      const done = await this.transition(current, {
        status: 'failed',
        outcome: INTERRUPTED,
        completedAt: new Date(now).toISOString(),
        interruptedAt: new Date(now).toISOString(),
      });
      if (!done) continue; // it beat or finished meanwhile
      await this.audited(done, 'system', 'failed', `request ${done.id}: ${INTERRUPTED}`);
      failed.push(done);
    }
    return failed;
  }

  /** Open requests, oldest first. */
  async pending(): Promise<ApprovalRequest[]> {
    return (await this.stored()).filter((e) => e.value.status === 'pending').map((e) => e.value);
  }

  /** Expires every due request; returns those this call expired (so their messages can be updated once). */
  async expireDue(): Promise<ApprovalRequest[]> {
    const now = this.deps.clock.now();
    const expired: ApprovalRequest[] = [];
    for (const current of await this.stored()) {
      if (current.value.status !== 'pending' || now < Date.parse(current.value.expiresAt)) continue;
      const done = await this.transition(current, {
        status: 'expired',
        decidedAt: new Date(now).toISOString(),
      });
      if (!done) continue; // decided or expired elsewhere meanwhile
      await this.audited(
        done,
        'system',
        'expired',
        `request ${done.id} by ${done.requester} expired unanswered`,
      );
      expired.push(done);
    }
    return expired;
  }

  /** Deletes finished requests older than `maxAgeMs`; returns how many. Pending ones are kept. */
  async prune(maxAgeMs: number): Promise<number> {
    const cutoff = this.deps.clock.now() - maxAgeMs;
    let removed = 0;
    for (const { value: request } of await this.stored()) {
      if (
        request.status !== 'pending' &&
        request.status !== 'approved' &&
        Date.parse(request.createdAt) < cutoff
      ) {
        await this.deps.store.delete(keyOf(request.id));
        removed++;
      }
    }
    return removed;
  }

  /** Every stored request with its version (for compare-and-set), oldest first. */
  private async stored(): Promise<Array<Versioned<ApprovalRequest>>> {
    const all = await Promise.all(
      (await this.deps.store.list(PREFIX)).map((key) => this.deps.store.get<ApprovalRequest>(key)),
    );
    return all
      .filter((e): e is Versioned<ApprovalRequest> => e !== undefined)
      .sort((a, b) => a.value.createdAt.localeCompare(b.value.createdAt));
  }

  private async load(id: string): Promise<Versioned<ApprovalRequest>> {
    const found = VALID_ID.test(id) ? await this.deps.store.get<ApprovalRequest>(keyOf(id)) : undefined;
    if (!found)
      throw new AppError(
        'NOT_FOUND',
        'This approval request no longer exists.',
        'Run the command again to ask anew.',
      );
    return found;
  }

  /** Compare-and-set; `undefined` when another writer got there first. */
  private async transition(current: Versioned<ApprovalRequest>, change: Partial<ApprovalRequest>) {
    const next: ApprovalRequest = { ...current.value, ...change };
    try {
      await this.deps.store.put(keyOf(next.id), next, { version: current.version });
      return next;
    } catch (error) {
      if (isAppError(error, 'STATE_CONFLICT')) return undefined;
      throw error;
    }
  }

  /** Read-modify-write with retries; `change` returning undefined means "leave it as it is". */
  private async update(
    id: string,
    change: (current: ApprovalRequest) => ApprovalRequest | undefined,
  ): Promise<ApprovalRequest> {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const current = await this.load(id);
      const next = change(current.value);
      if (!next) return current.value;
      const written = await this.transition(current, next);
      if (written) return written;
    }
    throw new AppError('STATE_CONFLICT', `Approval request ${id} kept changing.`, 'Try again.');
  }

  /**
   * A failed audit write is logged, not thrown: the transition already happened, and throwing would
   * strand an approved request that nobody executes.
   */
  private async audited(
    request: ApprovalRequest,
    user: string,
    outcome: string,
    detail: string,
  ): Promise<void> {
    try {
      await this.deps.audit.append({
        user,
        channel: request.channel,
        command: request.command,
        args: request.args,
        outcome,
        correlationId: request.correlationId,
        detail,
      });
    } catch (error) {
      this.deps.log?.error(
        { approvalId: request.id, outcome, error: error instanceof Error ? error.message : String(error) },
        'audit append failed for an approval decision',
      );
    }
  }
}
