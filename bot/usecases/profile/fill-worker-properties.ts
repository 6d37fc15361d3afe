import { AppError } from '../../domain/errors';

/** `${NAME}` in connectors/workers/*.properties; `${provider:...}` (with a colon) is Connect's and is kept. */
const PLACEHOLDER = /\$\{([A-Z][A-Z0-9_]*)\}/g;

/** Fills a worker properties template; every placeholder must have a value (an empty string is allowed). */
export function fillWorkerProperties(
  text: string,
  values: Record<string, string>,
  file = 'worker.properties',
): string {
  const missing = new Set<string>();
  const fill = (line: string): string =>
    line.replace(PLACEHOLDER, (all, name: string) => {
      const value = values[name];
      if (value === undefined) missing.add(name);
      return value ?? all;
    });
  // Comments (# or !) are left as written: they may mention placeholders.
  const filled = text
    .split('\n')
    .map((line) => (/^\s*[#!]/.test(line) ? line : fill(line)))
    .join('\n');
  if (missing.size > 0) {
    throw new AppError('CONFIG_INVALID', `${file}: no value for ${[...missing].sort().join(', ')}`);
  }
  return filled;
}

export const WORKER_PLACEHOLDERS = [
  'BOOTSTRAP_SERVERS',
  'GROUP_ID',
  'REST_HOST',
  'REST_LISTEN_HOST',
  'REST_PORT',
  'CONFIG_TOPIC',
  'OFFSET_TOPIC',
  'STATUS_TOPIC',
  'REPLICATION_FACTOR',
] as const;
