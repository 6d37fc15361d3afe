import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError } from '../../domain/errors';
import { parseRunbook } from '../../domain/runbook/parse-runbook';
import type { Runbook } from '../../domain/runbook/runbook-schema';
import type { RunbookSource } from '../../ports/runbook-source';

/** Every `<dir>/*.yml`, parsed at start; a missing folder means no runbook (the cutover says so). */
export class FileRunbookSource implements RunbookSource {
  constructor(private readonly dir: string) {}

  async loadAll(): Promise<Map<string, Runbook>> {
    let files: string[];
    try {
      files = (await readdir(this.dir)).filter((f) => /\.ya?ml$/.test(f)).sort();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return new Map();
      throw new AppError('CONFIG_INVALID', `cannot read the runbooks folder ${this.dir}: ${String(error)}`);
    }
    const runbooks = new Map<string, Runbook>();
    for (const file of files) {
      const runbook = parseRunbook(await readFile(join(this.dir, file), 'utf8'), file);
      if (runbooks.has(runbook.name))
        throw new AppError(
          'CONFIG_INVALID',
          `runbook ${file}: name ${runbook.name} is used by another runbook`,
        );
      runbooks.set(runbook.name, runbook);
    }
    return runbooks;
  }
}
