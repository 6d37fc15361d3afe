// Proportional memory (PSS) of a process and all its descendants: shared pages (a browser's binary, mapped
// by every Chromium process) counted once in total, so trees of many processes compare fairly with one.
import { readdirSync, readFileSync } from 'node:fs';

function childrenByParent(): Map<number, number[]> {
  const map = new Map<number, number[]>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      map.set(ppid, [...(map.get(ppid) ?? []), Number(name)]);
    } catch {
      /* gone */
    }
  }
  return map;
}

export function treePids(root: number): number[] {
  const children = childrenByParent();
  const pids = [root];
  for (let i = 0; i < pids.length; i++) pids.push(...(children.get(pids[i]!) ?? []));
  return pids;
}

const pssKb = (pid: number): number => {
  try {
    return Number(/^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'))?.[1] ?? 0);
  } catch {
    return 0;
  }
};

export const treePssMb = (root: number): number =>
  Math.round((treePids(root).reduce((sum, pid) => sum + pssKb(pid), 0) / 1024) * 10) / 10;

/** Samples the tree's PSS every `everyMs` until stopped; returns the highest sum seen (MB). */
export function treePssSampler(root: number, everyMs = 50): { stop(): number } {
  let peak = treePssMb(root);
  const timer = setInterval(() => (peak = Math.max(peak, treePssMb(root))), everyMs);
  return {
    stop: () => {
      clearInterval(timer);
      return peak;
    },
  };
}
