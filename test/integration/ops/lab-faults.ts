import { labConfig } from '../../lab/config';
import { startComponent, stopComponent } from '../../lab/lab';
import { readState, type ComponentName } from '../../lab/state';

/**
 * Runs `work` with one lab component stopped, and always starts it again (waiting until ready), even
 * when `work` throws: the shared lab is never left degraded. `during` may start it earlier itself.
 */
export async function withComponentDown<T>(
  name: ComponentName,
  signal: 'graceful' | 'kill',
  work: (restart: () => Promise<void>) => Promise<T>,
): Promise<T> {
  const config = labConfig();
  let down = true;
  const restart = async () => {
    if (!down) return;
    await startComponent(config, name);
    down = false;
  };
  await stopComponent(config, name, signal);
  try {
    return await work(restart);
  } finally {
    // Another caller may have started it already (state has a pid again): start only if missing.
    if (down && readState(config)?.pids[name] === undefined) await startComponent(config, name);
  }
}
