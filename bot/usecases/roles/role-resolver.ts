import type { Clock } from '../../domain/clock';
import { ROLES, roleRank, satisfies, type Role } from '../../domain/roles';
import type { Logger } from '../../ports/logger';
import type { UserGroupDirectory } from '../../ports/user-groups';
import { GroupMembersCache } from './group-members-cache';

/** Configured bindings: user ids (U..., W..., or console names) and user group ids (S...). */
export type RoleBindings = Partial<Record<Role, readonly string[]>>;

export interface RoleResolverDeps {
  bindings: RoleBindings;
  /** Absent (e.g. the console): group ids bind nobody. */
  directory?: UserGroupDirectory;
  clock: Clock;
  /** How long group members are trusted before asking again. */
  ttlMs: number;
  /** After a failed group lookup, how long before asking again (the group binds nobody meanwhile). Default min(ttlMs, 30 s). */
  retryAfterFailureMs?: number;
  log?: Logger;
}

export const isUserGroupId = (id: string): boolean => /^S[A-Z0-9]{2,}$/.test(id);

const HIGHEST_FIRST = [...ROLES].sort((a, b) => roleRank[b] - roleRank[a]);

/** Answers "what may this user do", from user-id bindings and user-group membership. */
export class RoleResolver {
  private readonly users = new Map<Role, Set<string>>();
  private readonly groups = new Map<Role, string[]>();
  private readonly cache?: GroupMembersCache;

  constructor(deps: RoleResolverDeps) {
    for (const role of ROLES) {
      const ids = deps.bindings[role] ?? [];
      this.users.set(role, new Set(ids.filter((id) => !isUserGroupId(id))));
      this.groups.set(role, ids.filter(isUserGroupId));
    }
    if (deps.directory)
      this.cache = new GroupMembersCache({
        directory: deps.directory,
        clock: deps.clock,
        ttlMs: deps.ttlMs,
        retryAfterFailureMs: deps.retryAfterFailureMs ?? Math.min(deps.ttlMs, 30_000),
        onFailure: (groupId, error) =>
          deps.log?.warn(
            { groupId, error: error instanceof Error ? error.message : String(error) },
            'user group lookup failed; its members get no role from it until it answers',
          ),
      });
  }

  async highestRole(userId: string): Promise<Role | undefined> {
    const direct = HIGHEST_FIRST.find((role) => this.users.get(role)!.has(userId));
    // Only groups that could raise the user above their direct binding are worth a lookup.
    const candidates = HIGHEST_FIRST.filter(
      (role) => direct === undefined || roleRank[role] > roleRank[direct],
    );
    const cache = this.cache;
    if (!cache) return direct;
    const viaGroups = await Promise.all(
      candidates.map(async (role) => {
        const memberships = await Promise.all(this.groups.get(role)!.map((g) => cache.members(g)));
        return memberships.some((members) => members.has(userId)) ? role : undefined;
      }),
    );
    return viaGroups.find((role) => role !== undefined) ?? direct;
  }

  /**
   * Why this user's role may be lower than configured: a group that could raise it cannot be checked
   * now (its lookup failed). For the refusal message; undefined when nothing is in doubt.
   */
  async unverified(userId: string): Promise<string | undefined> {
    const cache = this.cache;
    if (!cache) return undefined;
    const held = await this.highestRole(userId);
    const failed = HIGHEST_FIRST.filter((role) => held === undefined || roleRank[role] > roleRank[held])
      .flatMap((role) => this.groups.get(role)!)
      .map((g) => [g, cache.failure(g)] as const)
      .filter(([, reason]) => reason !== undefined);
    if (failed.length === 0) return undefined;
    return `Roles from user groups are refused while they cannot be verified: user group ${failed
      .map(([g, reason]) => `${g} could not be checked (${reason})`)
      .join(', ')}. Try again later or ask an admin to check the group and the bot's usergroups:read scope.`;
  }

  async can(userId: string, role: Role): Promise<boolean> {
    return satisfies(await this.highestRole(userId), role);
  }

  /** Forget cached group members (e.g. after a membership change was announced). */
  refresh(): void {
    this.cache?.clear();
  }
}
