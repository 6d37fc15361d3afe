import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { labConfig, mtlsPort, scramPort } from './config';

/** Where the lab's components answer: bootstrap servers for Kafka, URLs for the rest. */
export interface LabEndpoints {
  source: string;
  target: string;
  /** The same brokers' SASL_SSL (SCRAM-SHA-512) and SSL (client certificate required) listeners. */
  sourceScram: string;
  sourceMtls: string;
  targetScram: string;
  targetMtls: string;
  connect: string;
  prometheus: string;
  aws: string;
}

export function endpointsFor(config = labConfig()): LabEndpoints {
  const { host, ports } = config;
  return {
    source: `${host}:${ports.source}`,
    target: `${host}:${ports.target}`,
    sourceScram: `${host}:${scramPort(ports.source)}`,
    sourceMtls: `${host}:${mtlsPort(ports.source)}`,
    targetScram: `${host}:${scramPort(ports.target)}`,
    targetMtls: `${host}:${mtlsPort(ports.target)}`,
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
