import { readFileSync } from 'node:fs';
import { basename, dirname, join, posix } from 'node:path';
import type { ReferenceSources } from '../../config/reference-sources';
import { AppError } from '../../domain/errors';

/** Where the workers' file and directory providers may read (connectors/workers/*.properties). */
export const SECRETS_DIR = '/opt/secrets';

/** `${provider:path:key}` or `${provider:key}`, anywhere in a value, as Connect's ConfigTransformer finds them. */
const REFERENCE = /\$\{([^}]*?):(?:([^}]*?):)?([^}]*?)\}/g;

/** Java properties text to a map: `key=value`, `key: value` or `key value`; # and ! comment lines. */
export function parseProperties(text: string): Map<string, string> {
  const out = new Map<string, string>();
  const logical = text.replace(/\\\r?\n[ \t\f]*/g, '');
  for (const raw of logical.split(/\r?\n/)) {
    const line = raw.replace(/^[ \t\f]+/, '');
    if (line === '' || line.startsWith('#') || line.startsWith('!')) continue;
    const match = /^((?:\\.|[^=:\s\\])*)[ \t\f]*[=:\s]?[ \t\f]*(.*)$/.exec(line);
    if (!match) continue;
    const unescape = (s: string) =>
      s.replace(/\\(.)/g, (_, c: string) => ({ t: '\t', n: '\n', r: '\r', f: '\f' })[c] ?? c);
    out.set(unescape(match[1]!), unescape(match[2]!));
  }
  return out;
}

/**
 * Resolves the Connect config provider references in a value the bot itself uses (broker addresses, its
 * own SCRAM username), the way the workers' providers do: `${env:MM2_X}`, `${file:<path>:<key>}` (a
 * properties file) and `${directory:<dir>:<file>}` (a whole file). Files under /opt/secrets come from
 * the secret files the task was given (MM2_SECRET_FILES), else from disk. `setting` names the profile
 * field in errors; resolved values never appear in them.
 */
export function resolveReferences(
  value: string,
  setting: string,
  sources: ReferenceSources,
  readFile: (path: string) => Buffer = (path) => readFileSync(path),
): string {
  const fail = (reference: string, why: string, hint: string) =>
    new AppError('CONFIG_INVALID', `${setting}: ${reference} cannot be resolved: ${why}`, hint);

  const read = (reference: string, path: string): Buffer => {
    const normalized = posix.normalize(path);
    if (normalized === SECRETS_DIR || normalized.startsWith(`${SECRETS_DIR}/`)) {
      const given = sources.secretFiles.get(normalized.slice(SECRETS_DIR.length + 1));
      if (given) return given;
    }
    try {
      return readFile(normalized);
    } catch {
      throw fail(
        reference,
        `${normalized} is not readable by the bot`,
        `Give the bot the same secret file as the Connect workers (connect.secretFiles in infra/config, or MM2_SECRET_FILES), or mount ${basename(normalized)} at ${dirname(normalized)}.`,
      );
    }
  };

  return value.replace(REFERENCE, (reference, provider: string, path: string | undefined, key: string) => {
    switch (provider) {
      case 'env': {
        if (!/^MM2_/.test(key))
          throw fail(reference, 'only MM2_* variables may be referenced', 'Rename the variable to MM2_...');
        const found = sources.env[key];
        if (found === undefined || found === '')
          throw fail(
            reference,
            `${key} is not set for the bot`,
            `Set ${key} in the bot's environment (the stack sets MM2_SOURCE/TARGET_BOOTSTRAP_SERVERS).`,
          );
        return found;
      }
      case 'file': {
        if (!path)
          throw fail(
            reference,
            'a file reference needs a path and a key',
            'Write ${file:/opt/secrets/<file>:<key>}.',
          );
        const found = parseProperties(read(reference, path).toString('utf8')).get(key);
        if (found === undefined)
          throw fail(reference, `${path} has no key ${key}`, `Add ${key}=... to the secret behind ${path}.`);
        return found;
      }
      case 'directory': {
        if (!path)
          throw fail(
            reference,
            'a directory reference needs a folder and a file',
            'Write ${directory:/opt/secrets/<dir>:<file>}.',
          );
        return read(reference, join(path, key)).toString('utf8');
      }
      default:
        throw fail(
          reference,
          `the bot knows the env, file and directory providers, not ${provider}`,
          'Use one of those.',
        );
    }
  });
}
