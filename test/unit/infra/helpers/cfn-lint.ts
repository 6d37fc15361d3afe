import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ROOT } from './platform';

const run = promisify(execFile);
export const CFN_LINT = join(ROOT, '.cache/venv/bin/cfn-lint');

/** Runs cfn-lint on a template and returns its findings, one `file:line:col:...:RULE:message` each. */
export async function cfnLint(templatePath: string): Promise<string[]> {
  if (!existsSync(CFN_LINT))
    throw new Error(
      `cfn-lint is missing at ${CFN_LINT}: run \`npm test\` once (its pretest installs cfn-lint into .cache/venv).`,
    );
  try {
    await run(CFN_LINT, ['--format', 'parseable', templatePath], { timeout: 120_000 });
    return [];
  } catch (error) {
    const { stdout, code } = error as { stdout?: string; code?: number | string };
    // cfn-lint exits non-zero when it finds something (2 errors, 4 warnings, 8 informational, or'ed).
    if (typeof code === 'number' && stdout !== undefined) return stdout.split('\n').filter(Boolean);
    throw error;
  }
}
