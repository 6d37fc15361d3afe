import { z } from 'zod';
import { AppError } from '../domain/errors';

/**
 * What the bot resolves a profile's Connect config provider references from, for its own use (broker
 * addresses, its own Kafka login): the MM2_* variables (the same allowlist as the workers' env provider),
 * and secret files given as variables (ECS injects them from Secrets Manager, as for Connect).
 */
export interface ReferenceSources {
  /** MM2_* variables only, as the workers' env provider allows. */
  env: Readonly<Record<string, string>>;
  /** File name under /opt/secrets (e.g. source-scram.properties, tls/key.pem) to its bytes. */
  secretFiles: ReadonlyMap<string, Buffer>;
}

const PAIR =
  /^([A-Za-z0-9][A-Za-z0-9._-]*(?:\/[A-Za-z0-9][A-Za-z0-9._-]*)?)=([A-Za-z_][A-Za-z0-9_]*)(:base64)?$/;

const invalid = (detail: string) =>
  new AppError(
    'CONFIG_INVALID',
    `MM2_SECRET_FILES ${detail}`,
    'Give space-separated file=VARIABLE pairs (file=VARIABLE:base64 for binary files), as infra/ writes them.',
  );

/** Reads MM2_* and MM2_SECRET_FILES (`file=VARIABLE[:base64] ...`); an entry naming an empty variable fails. */
export function referenceSourcesFrom(env: NodeJS.ProcessEnv): ReferenceSources {
  const mm2 = Object.fromEntries(
    Object.entries(env).filter((e): e is [string, string] => /^MM2_/.test(e[0]) && typeof e[1] === 'string'),
  );
  const secretFiles = new Map<string, Buffer>();
  const mapping = z.string().optional().parse(env.MM2_SECRET_FILES);
  for (const pair of (mapping ?? '').split(/\s+/).filter(Boolean)) {
    const match = PAIR.exec(pair);
    if (!match) throw invalid(`entry "${pair}" is not file=VARIABLE`);
    const [, file, variable, base64] = match as unknown as [string, string, string, string | undefined];
    const value = env[variable];
    if (!value) throw invalid(`names ${variable}, which is empty or unset`);
    secretFiles.set(file, base64 ? Buffer.from(value, 'base64') : Buffer.from(value, 'utf8'));
  }
  return { env: mm2, secretFiles };
}
