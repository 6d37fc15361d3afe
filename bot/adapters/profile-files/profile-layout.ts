import { parseProfile } from '../../domain/profile/parse-profile';
import {
  AUTH_MODES,
  CONNECTOR_ROLES,
  type AuthMode,
  type ConnectorRole,
} from '../../domain/profile/profile-schema';
import type { LoadedProfile, Templates } from '../../ports/profile-source';

/** Template files relative to the templates folder (`connectors/templates` on disk, `<prefix>templates/` in S3). */
export const TEMPLATE_FILES: { connectors: Record<ConnectorRole, string>; auth: Record<AuthMode, string> } = {
  connectors: {
    source: 'mirror-source.yml',
    checkpoint: 'mirror-checkpoint.yml',
    heartbeat: 'mirror-heartbeat.yml',
  },
  auth: Object.fromEntries(AUTH_MODES.map((m) => [m, `auth/${m}.yml`])) as Record<AuthMode, string>,
};

export const allTemplateFiles = (): string[] => [
  ...CONNECTOR_ROLES.map((r) => TEMPLATE_FILES.connectors[r]),
  ...AUTH_MODES.map((m) => TEMPLATE_FILES.auth[m]),
];

/** Parses the profile (errors name the file and field) and reads the seven templates. */
export async function assembleProfile(
  profileName: string,
  profileText: string,
  readTemplate: (relative: string) => Promise<string>,
): Promise<LoadedProfile> {
  const profile = parseProfile(profileText, profileName);
  const entries = await Promise.all(
    allTemplateFiles().map(async (file) => [file, { file, text: await readTemplate(file) }] as const),
  );
  const byFile = new Map(entries);
  const pick = (file: string) => byFile.get(file)!;
  const templates: Templates = {
    connectors: {
      source: pick(TEMPLATE_FILES.connectors.source),
      checkpoint: pick(TEMPLATE_FILES.connectors.checkpoint),
      heartbeat: pick(TEMPLATE_FILES.connectors.heartbeat),
    },
    auth: {
      plaintext: pick(TEMPLATE_FILES.auth.plaintext),
      'sasl-scram': pick(TEMPLATE_FILES.auth['sasl-scram']),
      mtls: pick(TEMPLATE_FILES.auth.mtls),
      iam: pick(TEMPLATE_FILES.auth.iam),
    },
  };
  return { profile, templates };
}
