// The shared lab is also used by fault tests (a broker or Prometheus stopped for a while): a scenario starts
// only once every component answers again, so a figure never measures someone else's outage.
import type { LabConfig } from '../lab/config';
import { labHealth } from '../lab/health';
import { readState } from '../lab/state';

export async function waitForHealthyLab(
  config: LabConfig,
  log: (line: string) => void,
  timeoutMs = 180_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let told = false;
  for (;;) {
    const health = await labHealth(config, readState(config));
    if (health.up) return;
    const down = Object.entries(health)
      .filter(([name, h]) => name !== 'up' && typeof h === 'object' && !h.healthy)
      .map(([name]) => name);
    if (Date.now() > deadline)
      throw new Error(`the shared lab is not healthy after ${timeoutMs / 1000} s (down: ${down.join(', ')})`);
    if (!told) log(`waiting for the shared lab (down: ${down.join(', ')})`);
    told = true;
    await new Promise((r) => setTimeout(r, 2000));
  }
}
