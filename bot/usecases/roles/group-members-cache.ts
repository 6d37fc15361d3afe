import type { Clock } from '../../domain/clock';
import type { UserGroupDirectory } from '../../ports/user-groups';

interface Entry {
  members: ReadonlySet<string>;
  fetchedAt: number;
}

export interface GroupMembersCacheDeps {
  directory: UserGroupDirectory;
  clock: Clock;
  ttlMs: number;
  /** After a failed lookup, wait this long before asking again (nobody is a member meanwhile). */
  retryAfterFailureMs: number;
  onFailure(groupId: string, error: unknown): void;
}

const NOBODY: ReadonlySet<string> = new Set();

/**
 * Group members with a TTL. Concurrent lookups of one group share one request (single-flight). Members
 * are trusted for the TTL only: when the directory fails after it (group deleted, scope lost, 429s),
 * the group binds nobody until it answers again (fails closed; user-id bindings still apply).
 */
export class GroupMembersCache {
  private readonly entries = new Map<string, Entry>();
  private readonly failedAt = new Map<string, { at: number; reason: string }>();
  private readonly inFlight = new Map<string, Promise<ReadonlySet<string>>>();

  constructor(private readonly deps: GroupMembersCacheDeps) {}

  members(groupId: string): Promise<ReadonlySet<string>> {
    const now = this.deps.clock.now();
    const cached = this.entries.get(groupId);
    if (cached && now - cached.fetchedAt < this.deps.ttlMs) return Promise.resolve(cached.members);
    const failed = this.failedAt.get(groupId);
    if (failed !== undefined && now - failed.at < this.deps.retryAfterFailureMs)
      return Promise.resolve(NOBODY);
    const running = this.inFlight.get(groupId);
    if (running) return running;
    const lookup = this.fetch(groupId).finally(() => this.inFlight.delete(groupId));
    this.inFlight.set(groupId, lookup);
    return lookup;
  }

  /** Why the group's members are unknown now (its last lookup failed), or undefined. */
  failure(groupId: string): string | undefined {
    return this.failedAt.get(groupId)?.reason;
  }

  clear(): void {
    this.entries.clear();
    this.failedAt.clear();
  }

  private async fetch(groupId: string): Promise<ReadonlySet<string>> {
    try {
      const members = new Set(await this.deps.directory.membersOf(groupId));
      this.entries.set(groupId, { members, fetchedAt: this.deps.clock.now() });
      this.failedAt.delete(groupId);
      return members;
    } catch (error) {
      this.entries.delete(groupId);
      const reason = error instanceof Error ? error.message : String(error);
      this.failedAt.set(groupId, { at: this.deps.clock.now(), reason });
      this.deps.onFailure(groupId, error);
      return NOBODY;
    }
  }
}
