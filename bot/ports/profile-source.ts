import type { AuthMode, ConnectorRole, Profile } from '../domain/profile/profile-schema';

/** A template file's text and the name it is reported under. */
export interface TemplateText {
  file: string;
  text: string;
}

export interface Templates {
  connectors: Record<ConnectorRole, TemplateText>;
  auth: Record<AuthMode, TemplateText>;
}

export interface LoadedProfile {
  profile: Profile;
  templates: Templates;
}

/** Where the migration profile and templates come from: disk in the lab, the S3 config bucket in AWS.
 *  Rejects with AppError `CONFIG_INVALID` naming the file and field. */
export interface ProfileSource {
  load(): Promise<LoadedProfile>;
}
