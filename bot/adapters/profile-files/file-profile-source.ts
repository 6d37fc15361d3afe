import { readFile, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { AppError } from '../../domain/errors';
import { parseProfile } from '../../usecases/profile/parse-profile';
import {
  AUTH_MODES,
  CONNECTOR_ROLES,
  type AuthMode,
  type ConnectorRole,
} from '../../usecases/profile/profile-schema';
import type {
  LoadedProfile,
  ProfileSource,
  TemplateText,
  Templates,
} from '../../usecases/profile/profile-source';

export interface FileProfileSourceOptions {
  /** e.g. connectors/profiles/lab.yml */
  profileFile: string;
  /** e.g. connectors/templates (holds mirror-*.yml and auth/<mode>.yml) */
  templatesDir: string;
}

interface Files {
  connectors: Record<ConnectorRole, string>;
  auth: Record<AuthMode, string>;
}

const CONNECTOR_FILES = {
  source: 'mirror-source.yml',
  checkpoint: 'mirror-checkpoint.yml',
  heartbeat: 'mirror-heartbeat.yml',
};

/** Reads the profile and templates from disk; re-reads only when a file changed, so edits apply on the next command. */
export class FileProfileSource implements ProfileSource {
  private cached?: { stamp: string; loaded: LoadedProfile };

  constructor(private readonly options: FileProfileSourceOptions) {}

  async load(): Promise<LoadedProfile> {
    const files = this.files();
    const stamp = await this.stamp(files);
    if (this.cached?.stamp === stamp) return this.cached.loaded;
    const profileText = await read(this.options.profileFile);
    const profile = parseProfile(profileText, basename(this.options.profileFile));
    const text = async (path: string): Promise<TemplateText> => ({
      file: this.label(path),
      text: await read(path),
    });
    const templates: Templates = {
      connectors: {
        source: await text(files.connectors.source),
        checkpoint: await text(files.connectors.checkpoint),
        heartbeat: await text(files.connectors.heartbeat),
      },
      auth: {
        plaintext: await text(files.auth.plaintext),
        'sasl-scram': await text(files.auth['sasl-scram']),
        mtls: await text(files.auth.mtls),
        iam: await text(files.auth.iam),
      },
    };
    const loaded = { profile, templates };
    this.cached = { stamp, loaded };
    return loaded;
  }

  private files(): Files {
    const dir = this.options.templatesDir;
    return {
      connectors: Object.fromEntries(
        CONNECTOR_ROLES.map((r) => [r, join(dir, CONNECTOR_FILES[r])]),
      ) as Files['connectors'],
      auth: Object.fromEntries(AUTH_MODES.map((m) => [m, join(dir, 'auth', `${m}.yml`)])) as Files['auth'],
    };
  }

  private label(path: string): string {
    return path.startsWith(this.options.templatesDir)
      ? path.slice(this.options.templatesDir.length + 1)
      : path;
  }

  private async stamp(files: Files): Promise<string> {
    const paths = [
      this.options.profileFile,
      ...Object.values(files.connectors),
      ...Object.values(files.auth),
    ];
    const stats = await Promise.all(
      paths.map((p) =>
        stat(p).then(
          (s) => `${s.mtimeMs}:${s.size}`,
          () => 'missing',
        ),
      ),
    );
    return stats.join('|');
  }
}

async function read(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    throw new AppError(
      'CONFIG_INVALID',
      `cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? error}`,
      undefined,
      {
        cause: error,
      },
    );
  }
}
