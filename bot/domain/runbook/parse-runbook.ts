import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import { AppError } from '../errors';
import { runbookSchema, type Runbook } from './runbook-schema';

/** Parses and checks a runbook; every problem names its field: `runbook default.yml: steps.2.gates.0: ...`. */
export function parseRunbook(text: string, file: string): Runbook {
  let data: unknown;
  try {
    data = parseYaml(text);
  } catch (error) {
    throw invalid(file, [`not valid YAML: ${(error as Error).message.split('\n')[0]}`]);
  }
  const result = runbookSchema.safeParse(data, {
    error: (issue) => (issue.input === undefined ? 'required' : undefined),
  });
  if (!result.success) throw invalid(file, result.error.issues.map(describeIssue));
  return result.data;
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const field = issue.path.map(String).join('.') || '(top level)';
  if (issue.code === 'unrecognized_keys') return `${field}: unknown field(s) ${issue.keys.join(', ')}`;
  return `${field}: ${issue.message}`;
}

function invalid(file: string, problems: string[]): AppError {
  return new AppError(
    'CONFIG_INVALID',
    problems.map((p) => `runbook ${file}: ${p}`).join('\n'),
    'Fix the runbook and start again (see the runbook reference in README.md).',
  );
}
