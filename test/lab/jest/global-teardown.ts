import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { labConfig } from '../config';
import { labDown } from '../lab';

/** Stops the lab only if this run started it; a lab someone else started stays up. */
export default async function globalTeardown(): Promise<void> {
  const config = labConfig();
  const marker = join(config.runDir, 'started-by-jest');
  if (!existsSync(marker)) return;
  await labDown(config, (line) => process.stderr.write(`[lab] ${line}\n`));
  rmSync(marker, { force: true });
}
