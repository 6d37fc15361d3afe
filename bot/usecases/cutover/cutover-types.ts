import type { MessageRef } from '../../ports/chat-surface';
import type { GateResult } from './gates/gate-types';
import type { EndsSnapshot } from './gates/measurements';
import type { GateId, RunbookStep } from '../../domain/runbook/runbook-schema';

export interface EcsTarget {
  cluster: string;
  service: string;
  container: string;
  bootstrapEnv: string;
}

/** A runbook step made concrete for one application (or none): what the engine runs and saves. */
export interface PlannedStep {
  /** Unique in the cutover, e.g. `stop-consumers.ledger-consumer`. */
  key: string;
  title: string;
  kind: 'check' | 'connector' | 'ecs' | 'manual';
  action?: 'stop' | 'start-on-target' | 'pause' | 'resume';
  app?: string;
  appKind?: 'consumer' | 'producer';
  groups?: string[];
  topics?: string[];
  connectors?: Array<'source' | 'checkpoint' | 'heartbeat'>;
  ecs?: EcsTarget;
  /** For manual steps: the team and what it does. */
  manual?: { team: string; instruction: string };
  gates: GateId[];
  verify: GateId[];
  approval: 'none' | 'requester' | 'peer';
  timeoutSeconds: number;
  waitSeconds?: number;
  rollback: RunbookStep['rollback'];
  pointOfNoReturn: boolean;
}

/**
 * No "failed" state (kcp): a step whose action or gates fail stays where it was, with `note` saying
 * why; running `next` again resumes there. `acting` is saved before any call, so a crash mid-action is
 * seen after a restart and the action's own idempotency check decides what is left to do.
 */
export type StepStatus = 'pending' | 'awaiting-approval' | 'acting' | 'acted' | 'done' | 'rolled-back';

/** What an action remembers before it changes anything, so a resume or a rollback knows the before. */
export interface StepMemo {
  previousCount?: number;
  previousTaskDefinition?: string;
  newTaskDefinition?: string;
  /** Calls this step made to Connect/ECS, named (the report shows them). */
  calls?: string[];
}

export interface StepState extends PlannedStep {
  status: StepStatus;
  approvalId?: string;
  approvedBy?: string;
  actingSince?: string;
  beatAt?: string;
  actedAt?: string;
  doneAt?: string;
  /** The last gate evidence (before acting, or the verification after). */
  evidence?: GateResult[];
  /** The re-read estimate shown before a group moved (records). */
  reReadEstimate?: number;
  note?: string;
  memo: StepMemo;
  /** Message in the cutover thread that shows this step's evidence / approval / result. */
  message?: MessageRef;
}

export type CutoverStatus = 'active' | 'done' | 'aborted';

export interface Cutover {
  id: string;
  profile: string;
  runbook: string;
  requester: string;
  channel: string;
  /** The thread's root: the live checklist. */
  root?: MessageRef;
  createdAt: string;
  updatedAt: string;
  status: CutoverStatus;
  steps: StepState[];
  /** Source end offsets when the producers moved (the rollback window compares against them). */
  producerBaseline?: EndsSnapshot;
  /** One line per event, oldest first (the report's timeline). */
  history: Array<{ at: string; text: string }>;
  /** Filled by abort: what each team must do. */
  abortNotes?: string[];
}
