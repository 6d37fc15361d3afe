// What several scenarios share: a fresh profile with its own topic and connectors, the approval click,
// the request's outcome, the audit trail as the bot's own reader sees it, and one Connect status read.
import { randomUUID } from 'node:crypto';
import { FileStateStore } from '../../bot/adapters/store/file-state-store';
import { S3StateStore } from '../../bot/adapters/store/s3-state-store';
import type { AuditRecord } from '../../bot/ports/audit-log';
import type { StateStore } from '../../bot/ports/state-store';
import { StoreAuditLog } from '../../bot/usecases/audit/store-audit-log';
import { createTopics } from '../lab/clients';
import type { BotProcess } from '../integration/bot/bot-process';
import { APPROVE, CHANNEL, textOf, USERS, type OpsHarness } from '../integration/ops/ops-harness';
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

/** A scenario's own profile, its bot's environment and first bot, and its pending `/mm2 deploy all`. */
export interface DeployRequest {
  p: FreshProfile;
  env: Record<string, string>;
  bot: BotProcess;
  request: StoredMessage;
}

/**
 * The opening most scenarios share: a fresh profile (`tag` prefixes its name), a bot on it (`extraEnv`
 * added to its environment), and `/mm2 deploy all` by the operator, waiting for approval.
 */
export async function requestDeploy(
  h: OpsHarness,
  tag: string,
  extraEnv: Record<string, string> = {},
): Promise<DeployRequest> {
  const p = await freshProfile(h, tag);
  const env = h.env({ MM2_PROFILE: p.profile, ...extraEnv });
  const bot = await h.startBot(env);
  const request = await h.command('deploy all', USERS.operator, 60000);
  if (!hasButtons(request)) throw new Error(`no approval request: ${textOf(request).slice(0, 300)}`);
  return { p, env, bot, request };
}

/**
 * `requestDeploy`, approved by an approver, resolved once the deploy is about to write its first
 * connector (the progress line names it; nothing is applied yet).
 */
export async function requestApprovedDeploy(
  h: OpsHarness,
  tag: string,
  extraEnv: Record<string, string> = {},
): Promise<DeployRequest> {
  const d = await requestDeploy(h, tag, extraEnv);
  await clickApprove(h, d.request, USERS.approver1);
  await waitForApplied(h, d.request, 0);
  return d;
}

/**
 * How long a proxy holds each Connect call in the mid-deploy rows: the fault (a kill) must land while
 * the next connector's write is held, so this is the time the scenario has to inject it, loaded machine
 * included (measured: well under 1 s from the progress line to a killed process).
 */
export const HOLD_CONNECT_MS = 8000;

/**
 * Resolves once the approved deploy of `request` has written `applied` connectors: its progress line
 * names the next one ("Applying x (applied+1/n)"), shown after the write before it and before its own.
 */
export async function waitForApplied(h: OpsHarness, request: StoredMessage, applied: number): Promise<void> {
  const progress = new RegExp(`Applying \\S+ \\(${applied + 1}/`);
  await h.standIn.waitFor(
    () => progress.test(textOf(h.standIn.message(request.channel, request.ts))),
    60000,
    `the deploy to have applied ${applied} connector(s)`,
  );
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

/**
 * The whole audit trail of a bot's state (`file:<dir>` or `s3://bucket/prefix` on the lab's moto), every
 * record of every day, newest first, page by page through the bot's own reader. Not one `recent()`: that
 * stops at its 1,000 newest (the most `/mm2 audit` shows), and a scenario sending more commands than
 * that after a deploy (the full fuzz) would see the deploy's records pushed out and count them as lost.
 */
export async function auditTrail(state: string, awsEndpoint: string): Promise<AuditRecord[]> {
  let store: StateStore;
  if (state.startsWith('file:')) store = new FileStateStore({ dir: state.slice('file:'.length) });
  else {
    const m = /^s3:\/\/([^/]+)\/?(.*)$/.exec(state);
    if (!m) throw new Error(`not a state location: ${state}`);
    store = new S3StateStore({ client: motoS3Client(awsEndpoint), bucket: m[1]!, prefix: m[2] ?? '' });
  }
  const reader = new StoreAuditLog({ store, clock: { now: () => Date.now() }, redactor: { text: (s) => s } });
  const records: AuditRecord[] = [];
  let before: string | undefined;
  do {
    const page = await reader.page(1000, before);
    records.push(...page.records);
    before = page.before;
  } while (before !== undefined);
  return records;
}

/** The audit records of `/mm2 deploy` (requests, decisions, runs) in a bot's state. */
export async function deployAudit(state: string, awsEndpoint: string): Promise<AuditRecord[]> {
  return (await auditTrail(state, awsEndpoint)).filter((r) => r.command === 'deploy');
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
