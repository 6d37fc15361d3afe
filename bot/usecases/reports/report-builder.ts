import type { LagReporter } from '../lag/lag-reporter';
import type { LagReport } from '../lag/lag-types';
import type { ConnectorHealth, ConnectorHealthRecord } from '../../ports/connector-health';
import type { ReportBuilder, ReportMessage, ReportTrigger } from '../../ports/reports';

export type Settled<T> = { ok: true; value: T } | { ok: false; error: string };

export interface ReportInput {
  trigger: ReportTrigger;
  lag: Settled<LagReport>;
  health: Settled<ConnectorHealthRecord[]>;
  /** Unix ms of the previous posted report, if known. */
  generatedAt: number;
}

/** Pure renderer supplied by the views (scheduledReportView). */
export type ReportRenderer = (input: ReportInput) => ReportMessage;

const settle = async <T>(work: () => Promise<T>): Promise<Settled<T>> => {
  try {
    return { ok: true, value: await work() };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
};

export interface ReportBuilderDeps {
  lag: LagReporter;
  health: ConnectorHealth;
  render: ReportRenderer;
  now: () => number;
}

/** Lag report + connector health; a failing half is reported as such, never hidden. */
export const createReportBuilder =
  (deps: ReportBuilderDeps): ReportBuilder =>
  async (trigger) => {
    const [lag, health] = await Promise.all([
      settle(() => deps.lag.report()),
      settle(() => deps.health.states()),
    ]);
    return deps.render({ trigger, lag, health, generatedAt: deps.now() });
  };
