import { labConfig } from './lab';
import { prodConfig } from './prod';
import type { PlatformConfig } from './types';

export type { PlatformConfig } from './types';

export const ENVIRONMENTS: Readonly<Record<string, PlatformConfig>> = { lab: labConfig, prod: prodConfig };

/** The config of one environment, with a message naming the known ones when the name is wrong. */
export function configFor(name: string): PlatformConfig {
  const config = ENVIRONMENTS[name];
  if (!config)
    throw new Error(
      `Unknown environment "${name}": use one of ${Object.keys(ENVIRONMENTS).join(', ')} (add infra/config/${name}.ts to create it).`,
    );
  return config;
}
