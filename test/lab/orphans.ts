import { readdirSync, readFileSync } from 'node:fs';

/** Every process that carries our marker variable: the safety net for a clean `lab:down`. */
export function markedProcesses(marker: string): number[] {
  const needle = Buffer.from(`MM2_LAB_RUN_DIR=${marker}\0`);
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid) || pid === process.pid) continue;
    try {
      if (readFileSync(`/proc/${pid}/environ`).includes(needle)) pids.push(pid);
    } catch {
      /* gone, or not ours to read */
    }
  }
  return pids;
}
