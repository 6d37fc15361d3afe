import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { labConfig } from './config';

/** Where the lab's components answer: bootstrap servers for Kafka, URLs for the rest. */
export interface LabEndpoints {
  source: string;
  target: string;
  connect: string;
  prometheus: string;
  aws: string;
}

export function endpointsFor(config = labConfig()): LabEndpoints {
  const { host, ports } = config;
  return {
    source: `${host}:${ports.source}`,
    target: `${host}:${ports.target}`,
    connect: `http://${host}:${ports.connect}`,
    prometheus: `http://${host}:${ports.prometheus}`,
    aws: `http://${host}:${ports.aws}`,
  };
}

/** The endpoints of the running lab (as recorded by `lab:up`), for tests and tools. */
export async function labEndpoints(config = labConfig()): Promise<LabEndpoints> {
  try {
    const state = JSON.parse(await readFile(join(config.runDir, 'lab.json'), 'utf8')) as {
      endpoints: LabEndpoints;
    };
    return state.endpoints;
  } catch {
    throw new Error(
      `The lab is not up (no ${join(config.runDir, 'lab.json')}). Start it with: npm run lab:up`,
    );
  }
}
