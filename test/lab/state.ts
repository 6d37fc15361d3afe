import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LabConfig } from './config';
import type { LabEndpoints } from './endpoints';

export const COMPONENTS = ['source', 'target', 'aws', 'prometheus', 'connect', 'traffic'] as const;
export type ComponentName = (typeof COMPONENTS)[number];

export interface LabState {
  startedAt: string;
  startupSeconds?: number;
  endpoints: LabEndpoints;
  pids: Partial<Record<ComponentName, number>>;
  logs: Partial<Record<ComponentName, string>>;
  /** The auth-mode Connect worker of `lab:up -- --auth <pairing>`, when one runs (auth-rehearsal.ts). */
  authWorker?: { pairing: string; pid: number; url: string; log: string; secretsDir: string };
}

const file = (config: LabConfig) => join(config.runDir, 'lab.json');

export function readState(config: LabConfig): LabState | undefined {
  return existsSync(file(config)) ? (JSON.parse(readFileSync(file(config), 'utf8')) as LabState) : undefined;
}

export function writeState(config: LabConfig, state: LabState): void {
  mkdirSync(config.runDir, { recursive: true });
  writeFileSync(file(config), JSON.stringify(state, null, 2));
}

export function clearState(config: LabConfig): void {
  rmSync(file(config), { force: true });
}
