import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import { AppError } from '../errors';
import { profileSchema, type Profile } from './profile-schema';
import { findLiteralSecrets } from './literal-secrets';

/** Parses and checks a profile; every problem names its field: `profile lab.yml: source.bootstrapServers: required`. */
export function parseProfile(text: string, file: string): Profile {
  let data: unknown;
  try {
    data = parseYaml(text);
  } catch (error) {
    throw invalid(file, [`not valid YAML: ${(error as Error).message.split('\n')[0]}`]);
  }
  const result = profileSchema.safeParse(data, {
    error: (issue) => (issue.input === undefined ? 'required' : undefined),
  });
  if (!result.success) throw invalid(file, result.error.issues.map(describeIssue));
  const secrets = findLiteralSecrets(result.data.overrides);
  if (secrets.length > 0) {
    throw invalid(
      file,
      secrets.map((k) => `${k}: must be a Connect config provider reference, never the secret itself`),
    );
  }
  return result.data;
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const field = issue.path.map(String).join('.') || '(top level)';
  if (issue.code === 'unrecognized_keys')
    return `${field || '(top level)'}: unknown field(s) ${issue.keys.join(', ')}`;
  return `${field}: ${issue.message}`;
}

function invalid(file: string, problems: string[]): AppError {
  return new AppError(
    'CONFIG_INVALID',
    problems.map((p) => `profile ${file}: ${p}`).join('\n'),
    'Fix the migration profile and start again (see connectors/README.md).',
  );
}
