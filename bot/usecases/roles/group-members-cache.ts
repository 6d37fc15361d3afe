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
  /** After a failed lookup, wait this long before asking again (the stale or empty answer stands). */
  retryAfterFailureMs: number;
  onFailure(groupId: string, error: unknown, usingStale: boolean): void;
}

const NOBODY: ReadonlySet<string> = new Set();

/**
 * Group members with a TTL. Concurrent lookups of one group share one request (single-flight); when
 * the directory fails, the last known members are used, or nobody (user-id bindings still apply).
 */
export class GroupMembersCache {
  private readonly entries = new Map<string, Entry>();
  private readonly failedAt = new Map<string, number>();
  private readonly inFlight = new Map<string, Promise<ReadonlySet<string>>>();

  constructor(private readonly deps: GroupMembersCacheDeps) {}

  members(groupId: string): Promise<ReadonlySet<string>> {
    const now = this.deps.clock.now();
    const cached = this.entries.get(groupId);
    if (cached && now - cached.fetchedAt < this.deps.ttlMs) return Promise.resolve(cached.members);
    const failed = this.failedAt.get(groupId);
    if (failed !== undefined && now - failed < this.deps.retryAfterFailureMs)
      return Promise.resolve(cached?.members ?? NOBODY);
    const running = this.inFlight.get(groupId);
    if (running) return running;
    const lookup = this.fetch(groupId, cached).finally(() => this.inFlight.delete(groupId));
    this.inFlight.set(groupId, lookup);
    return lookup;
  }

  clear(): void {
    this.entries.clear();
    this.failedAt.clear();
  }

  private async fetch(groupId: string, cached: Entry | undefined): Promise<ReadonlySet<string>> {
    try {
      const members = new Set(await this.deps.directory.membersOf(groupId));
      this.entries.set(groupId, { members, fetchedAt: this.deps.clock.now() });
      this.failedAt.delete(groupId);
      return members;
    } catch (error) {
      this.failedAt.set(groupId, this.deps.clock.now());
      this.deps.onFailure(groupId, error, cached !== undefined);
      return cached?.members ?? NOBODY;
    }
  }
}
