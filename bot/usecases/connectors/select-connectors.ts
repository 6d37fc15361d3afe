import { AppError } from '../../domain/errors';
import { CONNECTOR_ROLES, type ConnectorRole, type Profile } from '../../domain/profile/profile-schema';

export interface Selected {
  role: ConnectorRole;
  name: string;
}

/** `all` (or nothing) means the profile's three connectors; anything else must be one of them. */
export function selectConnectors(profile: Profile, target: string | undefined): Selected[] {
  const all = CONNECTOR_ROLES.map((role) => ({ role, name: profile.connectors[role] }));
  if (target === undefined || target === 'all') return all;
  const found = all.find((c) => c.name === target);
  if (!found) {
    throw new AppError(
      'BAD_INPUT',
      `"${target}" is not a connector of profile ${profile.name}`,
      `Valid names: ${all.map((c) => c.name).join(', ')}, or all.`,
    );
  }
  return [found];
}

export const validNames = (profile: Profile): string[] => CONNECTOR_ROLES.map((r) => profile.connectors[r]);
