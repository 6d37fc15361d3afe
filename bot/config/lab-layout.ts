import { resolve } from 'node:path';
import { AppError } from '../domain/errors';

/**
 * The local lab's layout on loopback: its ports (LAB_PORT_*) and run folder (LAB_RUN_DIR). Defined
 * once: the lab itself (test/lab/config.ts) and the bot's embedded defaults (`npm start` without
 * Slack) both read it, so the bot finds the lab wherever these variables put it. Pure: the caller
 * passes the environment.
 */
export const LAB_HOST = '127.0.0.1';

export const LAB_PORT_VARIABLES = {
  source: 'LAB_PORT_SOURCE',
  target: 'LAB_PORT_TARGET',
  connect: 'LAB_PORT_CONNECT',
  connectMetrics: 'LAB_PORT_CONNECT_METRICS',
  prometheus: 'LAB_PORT_PROMETHEUS',
  aws: 'LAB_PORT_AWS',
} as const;

export type LabPorts = Record<keyof typeof LAB_PORT_VARIABLES, number>;

const DEFAULT_PORTS: LabPorts = {
  source: 19092,
  target: 29092,
  connect: 18083,
  connectMetrics: 19404,
  prometheus: 19090,
  aws: 15000,
};

/** An integer variable within bounds; a bad value is an error naming the variable and what to give. */
export function intVariable(
  env: NodeJS.ProcessEnv,
  name: string,
  fallback: number,
  min: number,
  max: number,
): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max)
    throw new AppError(
      'CONFIG_INVALID',
      `${name}=${raw} is not valid: give an integer between ${min} and ${max}.`,
    );
  return value;
}

export function labPorts(env: NodeJS.ProcessEnv): LabPorts {
  return Object.fromEntries(
    Object.entries(LAB_PORT_VARIABLES).map(([key, variable]) => [
      key,
      intVariable(env, variable, DEFAULT_PORTS[key as keyof LabPorts], 1024, 65534),
    ]),
  ) as LabPorts;
}

/** The lab's run folder (data, logs, the console bot's state and log): LAB_RUN_DIR or `<root>/.lab-run`. */
export const labRunDir = (env: NodeJS.ProcessEnv, root: string): string =>
  resolve(root, env.LAB_RUN_DIR ?? '.lab-run');

/**
 * The broker references connectors/profiles/lab.yml makes (as the AWS profiles do): the lab's Connect
 * worker has them in its environment, and the bot on its embedded defaults resolves them from here.
 */
export const labBootstrapVariables = (ports: LabPorts): Record<string, string> => ({
  MM2_SOURCE_BOOTSTRAP_SERVERS: `${LAB_HOST}:${ports.source}`,
  MM2_TARGET_BOOTSTRAP_SERVERS: `${LAB_HOST}:${ports.target}`,
});

/** Where the lab's HTTP components answer. */
export const labUrls = (ports: LabPorts) => ({
  connect: `http://${LAB_HOST}:${ports.connect}`,
  prometheus: `http://${LAB_HOST}:${ports.prometheus}`,
  aws: `http://${LAB_HOST}:${ports.aws}`,
});
