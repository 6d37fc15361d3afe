// Memory of a process as the kernel sees it (/proc/<pid>/status), so a child's figure includes its loader.
import { readFileSync } from 'node:fs';

export interface ProcMemory {
  /** Resident set now (VmRSS), MB. */
  rssMb: number;
  /** Peak resident set since the process started (VmHWM), MB. */
  hwmMb: number;
}

const fieldKb = (status: string, name: string): number => {
  const match = new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status);
  if (!match) throw new Error(`/proc status has no ${name} line`);
  return Number(match[1]);
};

const mb = (kb: number) => Math.round((kb / 1024) * 10) / 10;

export function procMemory(pid: number): ProcMemory {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return { rssMb: mb(fieldKb(status, 'VmRSS')), hwmMb: mb(fieldKb(status, 'VmHWM')) };
}

/** Samples VmRSS every `everyMs` until stopped; returns the highest value seen (MB). */
export function rssSampler(pid: number, everyMs = 25): { stop(): number } {
  let peak = procMemory(pid).rssMb;
  const timer = setInterval(() => {
    try {
      peak = Math.max(peak, procMemory(pid).rssMb);
    } catch {
      /* the process ended: keep what was seen */
    }
  }, everyMs);
  return {
    stop: () => {
      clearInterval(timer);
      return peak;
    },
  };
}
