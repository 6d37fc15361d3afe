import type { FileAttachment, View } from '../views/view';

/** When and where a lag report is posted (MM2_REPORT_SCHEDULES). */
export interface Schedule {
  id: string;
  /** node-cron expression (5 or 6 fields; 6 = with seconds). */
  cron: string;
  /** IANA zone, e.g. Europe/Paris. */
  timezone: string;
  channel: string;
}

export interface ReportMessage {
  view: View;
  csv?: FileAttachment;
  /** A picture of the lag over the report's window (issue 12). */
  chart?: FileAttachment;
}

export type ReportTrigger =
  { kind: 'scheduled'; slot: number } | { kind: 'missed'; slot: number } | { kind: 'manual' };

/** Builds the report message (lag report + connector health). */
export type ReportBuilder = (trigger: ReportTrigger) => Promise<ReportMessage>;

/** Time-based triggering; `nodeCronEngine()` is the real one. */
export interface CronEngine {
  validate(expression: string): boolean;
  /** Calls `onTick` with the slot (the scheduled time, not the wall-clock time it fired). */
  schedule(expression: string, timezone: string, onTick: (slot: Date) => void): { stop(): void };
  /** The next slot strictly after now. */
  next(expression: string, timezone: string): Date | undefined;
}
