import { join, resolve } from 'node:path';
import {
  intVariable,
  LAB_HOST,
  LAB_PORT_VARIABLES,
  labPorts,
  labRunDir,
  type LabPorts,
} from '../../bot/config/lab-layout';

/** Everything the lab needs to know, from LAB_* variables with loopback defaults. */
export interface LabConfig {
  root: string;
  runDir: string;
  cacheDir: string;
  host: string;
  ports: LabPorts;
  heap: { broker: string; connect: string; authConnect: string };
  traffic: { recordsPerSecond: number; manyPartitions: number };
  scrapeInterval: string;
}

/** The lab's ports and run folder are defined once, with the bot's embedded defaults. */
export const PORT_VARIABLES = LAB_PORT_VARIABLES;

function heapFrom(env: NodeJS.ProcessEnv, name: string, fallback: string): string {
  const value = env[name] ?? fallback;
  if (!/^\d+[mg]$/.test(value))
    throw new Error(`${name}=${value} is not valid: give a JVM size such as 512m or 1g.`);
  return value;
}

export function labConfig(env: NodeJS.ProcessEnv = process.env): LabConfig {
  const root = resolve(__dirname, '../..');
  const ports = labPorts(env);
  return {
    root,
    runDir: labRunDir(env, root),
    cacheDir: join(root, '.cache'),
    host: LAB_HOST,
    ports,
    heap: {
      broker: heapFrom(env, 'LAB_HEAP_BROKER', '384m'),
      connect: heapFrom(env, 'LAB_HEAP_CONNECT', '768m'),
      authConnect: heapFrom(env, 'LAB_HEAP_AUTH_CONNECT', '512m'),
    },
    traffic: {
      recordsPerSecond: intVariable(env, 'LAB_TRAFFIC_RATE', 20, 0, 100000),
      manyPartitions: intVariable(env, 'LAB_TRAFFIC_PARTITIONS', 64, 1, 10000),
    },
    scrapeInterval: env.LAB_SCRAPE_INTERVAL ?? '3s',
  };
}

/** The controller listener of a KRaft node sits one port above its broker port. */
export const controllerPort = (brokerPort: number): number => brokerPort + 1;
/** The SASL_SSL listener (SCRAM-SHA-512) sits two ports above the plaintext one. */
export const scramPort = (brokerPort: number): number => brokerPort + 2;
/** The SSL listener with client certificates required sits three ports above the plaintext one. */
export const mtlsPort = (brokerPort: number): number => brokerPort + 3;
/** Connect workers in an auth mode (started by the tests that need one): two and three ports above the lab's. */
export const authConnectPort = (connectPort: number, mode: 'mtls' | 'sasl-scram'): number =>
  connectPort + (mode === 'mtls' ? 2 : 3);
