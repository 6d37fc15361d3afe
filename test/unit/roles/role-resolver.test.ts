import type { RoleLookup } from '../../../bot/commands/dispatcher-deps';
import { RoleResolver } from '../../../bot/usecases/roles/role-resolver';
import { roleRefusedView } from '../../../bot/views/core/notice-views';
import type { Logger } from '../../../bot/ports/logger';
import type { UserGroupDirectory } from '../../../bot/ports/user-groups';
import { FakeClock } from '../../support/fake-clock';

// Compile-time check: the resolver fits the dispatcher's role lookup.
export const fitsDispatcher = (r: RoleResolver): RoleLookup => r;

class FakeDirectory implements UserGroupDirectory {
  calls: string[] = [];
  failing = false;
  constructor(
    public groups: Record<string, string[]>,
    private readonly delayMs = 0,
  ) {}
  async membersOf(groupId: string): Promise<string[]> {
    this.calls.push(groupId);
    if (this.delayMs) await new Promise((resolve) => setTimeout(resolve, this.delayMs));
    if (this.failing) throw new Error('slack is down');
    return this.groups[groupId] ?? [];
  }
}

const warnings: string[] = [];
const log: Logger = {
  info: () => undefined,
  error: () => undefined,
  warn: (_fields, message) => void warnings.push(message),
  child: () => log,
};

const bindings = {
  viewer: ['UVIEW', 'SVIEWERS'],
  operator: ['UOPS', 'SOPS'],
  approver: ['UAPP', 'SAPPROVERS'],
};

const setup = (groups: Record<string, string[]> = {}, delayMs = 0) => {
  const clock = new FakeClock();
  const directory = new FakeDirectory(groups, delayMs);
  const roles = new RoleResolver({
    bindings,
    directory,
    clock,
    ttlMs: 60_000,
    retryAfterFailureMs: 10_000,
    log,
  });
  return { clock, directory, roles };
};

beforeEach(() => (warnings.length = 0));

describe('RoleResolver', () => {
  test('user-id bindings give the highest bound role; unknown users get none', async () => {
    const { roles } = setup();
    expect(await roles.highestRole('UVIEW')).toBe('viewer');
    expect(await roles.highestRole('UOPS')).toBe('operator');
    expect(await roles.highestRole('UAPP')).toBe('approver');
    expect(await roles.highestRole('USTRANGER')).toBeUndefined();
  });

  test('group membership raises a user; the highest role wins', async () => {
    const { roles } = setup({ SOPS: ['UVIEW', 'U2'], SAPPROVERS: ['U2'] });
    expect(await roles.highestRole('UVIEW')).toBe('operator');
    expect(await roles.highestRole('U2')).toBe('approver');
    expect(await roles.can('U2', 'viewer')).toBe(true);
    expect(await roles.can('UVIEW', 'approver')).toBe(false);
  });

  test('a directly bound approver needs no group lookup', async () => {
    const { roles, directory } = setup();
    expect(await roles.highestRole('UAPP')).toBe('approver');
    expect(directory.calls).toEqual([]);
  });

  test('members are cached for the TTL, then asked again', async () => {
    const { roles, directory, clock } = setup({ SOPS: ['U2'] });
    await roles.highestRole('U2');
    const first = directory.calls.length;
    await roles.highestRole('U2');
    expect(directory.calls.length).toBe(first);
    directory.groups.SOPS = [];
    clock.advance(60_001);
    expect(await roles.highestRole('U2')).toBeUndefined();
    expect(directory.calls.length).toBeGreaterThan(first);
  });

  test('concurrent lookups share one request per group (single-flight)', async () => {
    const { roles, directory } = setup({ SOPS: ['U2'] }, 20);
    const answers = await Promise.all(Array.from({ length: 25 }, () => roles.highestRole('U2')));
    expect(new Set(answers)).toEqual(new Set(['operator']));
    expect(directory.calls.filter((g) => g === 'SOPS')).toHaveLength(1);
  });

  test('directory down past the TTL: fails closed, logged, and the refusal says why (issue 15 item 5)', async () => {
    const { roles, directory, clock } = setup({ SOPS: ['U2'] });
    expect(await roles.highestRole('U2')).toBe('operator');
    clock.advance(59_000);
    directory.failing = true;
    expect(await roles.highestRole('U2')).toBe('operator'); // within the TTL: still trusted
    clock.advance(1_001);
    expect(await roles.highestRole('U2')).toBeUndefined();
    expect(warnings).toContain('user group lookup failed; its members get no role from it until it answers');
    expect(await roles.unverified('U2')).toMatch(/user group .*SOPS could not be checked \(slack is down\)/);
    const refusal = roleRefusedView('pause', 'operator', undefined, await roles.unverified('U2'));
    expect(refusal.text).toContain('SOPS could not be checked');
    expect(await roles.unverified('UAPP')).toBeUndefined(); // bound directly at the top role
    directory.failing = false;
    clock.advance(10_001);
    expect(await roles.highestRole('U2')).toBe('operator');
    expect(await roles.unverified('U2')).toBeUndefined();
  });

  test('directory down with nothing cached: user-id bindings only, no crash, retried later', async () => {
    const { roles, directory, clock } = setup({ SOPS: ['UVIEW'] });
    directory.failing = true;
    expect(await roles.highestRole('UVIEW')).toBe('viewer');
    expect(await roles.highestRole('U2')).toBeUndefined();
    expect(warnings).toContain('user group lookup failed; its members get no role from it until it answers');
    const calls = directory.calls.length;
    await roles.highestRole('UVIEW'); // within the retry pause: no new request
    expect(directory.calls.length).toBe(calls);
    directory.failing = false;
    clock.advance(10_001);
    expect(await roles.highestRole('UVIEW')).toBe('operator');
  });

  test('without a directory (the console), group ids bind nobody', async () => {
    const roles = new RoleResolver({
      bindings: { viewer: ['vera', 'SOPS'], approver: ['alice'] },
      clock: new FakeClock(),
      ttlMs: 1,
    });
    expect(await roles.highestRole('vera')).toBe('viewer');
    expect(await roles.highestRole('alice')).toBe('approver');
    expect(await roles.highestRole('SOPS')).toBeUndefined();
  });
});
