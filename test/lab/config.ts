import { join, resolve } from 'node:path';

/** Everything the lab needs to know, from LAB_* variables with loopback defaults. */
export interface LabConfig {
  root: string;
  runDir: string;
  cacheDir: string;
  host: string;
  ports: {
    source: number;
    target: number;
    connect: number;
    connectMetrics: number;
    prometheus: number;
    aws: number;
  };
  heap: { broker: string; connect: string; authConnect: string };
  traffic: { recordsPerSecond: number; manyPartitions: number };
  scrapeInterval: string;
}

export const PORT_VARIABLES = {
  source: 'LAB_PORT_SOURCE',
  target: 'LAB_PORT_TARGET',
  connect: 'LAB_PORT_CONNECT',
  connectMetrics: 'LAB_PORT_CONNECT_METRICS',
  prometheus: 'LAB_PORT_PROMETHEUS',
  aws: 'LAB_PORT_AWS',
} as const;

const DEFAULT_PORTS: LabConfig['ports'] = {
  source: 19092,
  target: 29092,
  connect: 18083,
  connectMetrics: 19404,
  prometheus: 19090,
  aws: 15000,
};

function intFrom(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`${name}=${raw} is not valid: give an integer between ${min} and ${max}.`);
  }
  return value;
}

function heapFrom(env: NodeJS.ProcessEnv, name: string, fallback: string): string {
  const value = env[name] ?? fallback;
  if (!/^\d+[mg]$/.test(value))
    throw new Error(`${name}=${value} is not valid: give a JVM size such as 512m or 1g.`);
  return value;
}

export function labConfig(env: NodeJS.ProcessEnv = process.env): LabConfig {
  const root = resolve(__dirname, '../..');
  const ports = Object.fromEntries(
    Object.entries(PORT_VARIABLES).map(([key, variable]) => [
      key,
      intFrom(env, variable, DEFAULT_PORTS[key as keyof LabConfig['ports']], 1024, 65534),
    ]),
  ) as LabConfig['ports'];
  return {
    root,
    runDir: resolve(env.LAB_RUN_DIR ?? join(root, '.lab-run')),
    cacheDir: join(root, '.cache'),
    host: '127.0.0.1',
    ports,
    heap: {
      broker: heapFrom(env, 'LAB_HEAP_BROKER', '384m'),
      connect: heapFrom(env, 'LAB_HEAP_CONNECT', '768m'),
      authConnect: heapFrom(env, 'LAB_HEAP_AUTH_CONNECT', '512m'),
    },
    traffic: {
      recordsPerSecond: intFrom(env, 'LAB_TRAFFIC_RATE', 20, 0, 100000),
      manyPartitions: intFrom(env, 'LAB_TRAFFIC_PARTITIONS', 64, 1, 10000),
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
