export const ROLES = ['viewer', 'operator', 'approver'] as const;
export type Role = (typeof ROLES)[number];

/** An operator is also a viewer; an approver also an operator. */
export const roleRank: Record<Role, number> = { viewer: 1, operator: 2, approver: 3 };

export const satisfies = (held: Role | undefined, needed: Role): boolean =>
  held !== undefined && roleRank[held] >= roleRank[needed];
