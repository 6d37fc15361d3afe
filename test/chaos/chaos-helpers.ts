// What several scenarios share: a fresh profile with its own topic and connectors, the approval click,
// the request's outcome, the audit trail as the bot's own reader sees it, and one Connect status read.
import { randomUUID } from 'node:crypto';
import { FileStateStore } from '../../bot/adapters/store/file-state-store';
import { S3StateStore } from '../../bot/adapters/store/s3-state-store';
import type { AuditRecord } from '../../bot/ports/audit-log';
import type { StateStore } from '../../bot/ports/state-store';
import { StoreAuditLog } from '../../bot/usecases/audit/store-audit-log';
import { createTopics } from '../lab/clients';
import { APPROVE, CHANNEL, textOf, type OpsHarness } from '../integration/ops/ops-harness';
import { connectorNames, opsProfile } from '../integration/ops/ops-profile';
import type { StoredMessage } from '../slack-standin/types';
import { motoS3Client } from '../support/s3-client';

export { textOf };

export interface FreshProfile {
  name: string;
  topic: string;
  profile: string;
  connectors: string[];
}

/** A profile of the scenario's own: topic created on the source, connectors and topic cleaned up later. */
export async function freshProfile(h: OpsHarness, prefix: string): Promise<FreshProfile> {
  const name = `ch-${prefix}-${randomUUID().slice(0, 6)}`;
  const topic = `${name}.orders`;
  await createTopics(h.lab.source, [{ topic, numPartitions: 1 }]);
  h.trackTopics([topic]);
  const connectors = connectorNames(name);
  h.track(connectors);
  return { name, topic, profile: opsProfile(h.lab, { name, topics: [topic] }), connectors };
}

export const hasButtons = (m: StoredMessage | undefined): boolean =>
  m?.blocks?.some((b) => b.type === 'actions') ?? false;

export function clickApprove(h: OpsHarness, request: StoredMessage, user: string) {
  return h.standIn.clickButton({
    message: { channel: CHANNEL, ts: request.ts },
    action_id: APPROVE,
    user_id: user,
  });
}

/** The request message once it says done/failed/interrupted/expired, or undefined after `timeoutMs`. */
export async function outcomeOf(
  h: OpsHarness,
  request: StoredMessage,
  timeoutMs: number,
): Promise<StoredMessage | undefined> {
  return h.standIn
    .waitFor(
      () => {
        const m = h.standIn.message(CHANNEL, request.ts);
        return m && !hasButtons(m) && /, (done|failed)|interrupted|expired/i.test(m.text) ? m : undefined;
      },
      timeoutMs,
      'the request outcome',
    )
    .catch(() => undefined);
}

/** The audit trail of a bot's state (`file:<dir>` or `s3://bucket/prefix` on the lab's moto). */
export async function auditTrail(state: string, awsEndpoint: string): Promise<AuditRecord[]> {
  let store: StateStore;
  if (state.startsWith('file:')) store = new FileStateStore({ dir: state.slice('file:'.length) });
  else {
    const m = /^s3:\/\/([^/]+)\/?(.*)$/.exec(state);
    if (!m) throw new Error(`not a state location: ${state}`);
    store = new S3StateStore({ client: motoS3Client(awsEndpoint), bucket: m[1]!, prefix: m[2] ?? '' });
  }
  const reader = new StoreAuditLog({ store, clock: { now: () => Date.now() }, redactor: { text: (s) => s } });
  return reader.recent(5000);
}

export interface ConnectorStatus {
  connector: { state: string };
  tasks: Array<{ id: number; state: string }>;
}

export async function connectorStatus(connect: string, name: string): Promise<ConnectorStatus | undefined> {
  const res = await fetch(`${connect}/connectors/${name}/status`).catch(() => undefined);
  return res?.ok ? ((await res.json()) as ConnectorStatus) : undefined;
}

export async function connectorsNamed(connect: string, prefix: string): Promise<string[]> {
  const res = await fetch(`${connect}/connectors`).catch(() => undefined);
  if (!res?.ok) return [];
  return ((await res.json()) as string[]).filter((c) => c.startsWith(prefix)).sort();
}

/** Resolves with the value or undefined after `ms` (a hung call is an observation, not a hang). */
export function within<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  return Promise.race([
    promise.catch(() => undefined),
    new Promise<undefined>((r) => setTimeout(() => r(undefined), ms).unref()),
  ]);
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** "pass" iff every check holds; `observed` lists the failed ones first. */
export function verdict(checks: Record<string, boolean>): { pass: boolean; failed: string[] } {
  const failed = Object.entries(checks)
    .filter(([, ok]) => !ok)
    .map(([k]) => k);
  return { pass: failed.length === 0, failed };
}

/** Audit records of an executed run (the deploy's own outcome after its approval). */
export const executions = (audit: AuditRecord[]): number =>
  audit.filter((r) => r.outcome === 'ok' || r.outcome === 'done').length;
