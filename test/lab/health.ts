import type { LabConfig } from './config';
import { connectReady } from './components/connect';
import { kafkaReady } from './components/kafka';
import { motoReady } from './components/moto';
import { connectTargetUp } from './components/prometheus';
import { endpointsFor } from './endpoints';
import { isAlive } from './processes';
import { httpOk } from './readiness';
import type { ComponentName, LabState } from './state';

export interface ComponentHealth {
  endpoint: string;
  healthy: boolean;
  pid?: number;
  detail?: string;
}

export type LabHealth = Record<ComponentName, ComponentHealth> & { up: boolean };

const safely = (check: () => Promise<boolean>) => check().catch(() => false);

/** Each component's endpoint and health: its process alive and its readiness check passing. */
export async function labHealth(config: LabConfig, state: LabState | undefined): Promise<LabHealth> {
  const endpoints = state?.endpoints ?? endpointsFor(config);
  const alive = (name: ComponentName) => {
    const pid = state?.pids[name];
    return pid !== undefined && isAlive(pid);
  };
  const checks: Record<ComponentName, [string, () => Promise<boolean>]> = {
    source: [endpoints.source, () => kafkaReady(endpoints.source)],
    target: [endpoints.target, () => kafkaReady(endpoints.target)],
    connect: [endpoints.connect, () => connectReady(endpoints.connect)],
    prometheus: [endpoints.prometheus, () => httpOk(`${endpoints.prometheus}/-/ready`)],
    aws: [endpoints.aws, () => motoReady(endpoints.aws)],
    traffic: [endpoints.source, async () => true],
  };
  const entries = await Promise.all(
    (Object.keys(checks) as ComponentName[]).map(async (name) => {
      const [endpoint, check] = checks[name];
      const healthy = alive(name) && (await safely(check));
      return [name, { endpoint, healthy, pid: state?.pids[name] }] as const;
    }),
  );
  const health = Object.fromEntries(entries) as Record<ComponentName, ComponentHealth>;
  if (health.prometheus.healthy) {
    const scraping = await safely(() => connectTargetUp(endpoints.prometheus));
    health.prometheus.detail = scraping ? 'scraping kafka-connect: up' : 'kafka-connect target not up yet';
  }
  return { ...health, up: Object.values(health).every((h) => h.healthy) };
}
