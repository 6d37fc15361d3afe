import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { labConfig } from '../config';
import { labUp } from '../lab';

/** Integration suites share one lab: reuse a running one, or start it (and mark it ours to stop). */
export default async function globalSetup(): Promise<void> {
  const config = labConfig();
  const { started, state } = await labUp(config, (line) => process.stderr.write(`[lab] ${line}\n`));
  if (started) {
    writeFileSync(join(config.runDir, 'started-by-jest'), state.startedAt);
    process.stderr.write(`[lab] up in ${state.startupSeconds} s\n`);
  }
}
