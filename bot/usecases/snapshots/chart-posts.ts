import type { FileAttachment } from '../../views/view';
import type { ThreadEvent } from '../alerts/alert-watcher';
import type { ReportBuilder } from '../../ports/reports';
import type { Snapshot, SnapshotService } from './snapshot-service';

/** Where pictures go on the bot's own initiative (a ChannelMessenger fits). */
export interface ChartAttacher {
  attach(channel: string, file: FileAttachment, threadTs?: string): Promise<void>;
}

export interface ChartLog {
  warn(message: string): void;
}

/** The panel that pictures replication lag (the lag report's chart, lag alerts). */
export const LAG_PANEL = 'Records lag per topic';
/** Which panel an alert family's thread gets: what someone would open Grafana for. */
export const ALERT_PANELS: Record<string, string> = {
  lag: LAG_PANEL,
  connector: 'Task states',
  prometheus: 'Tasks per worker',
};

const HOUR = 3_600_000;

/**
 * The scheduled (and manual) lag report with a lag chart of its window: the `windowMs` before its slot.
 * A chart that cannot be drawn leaves the report as it was: the numbers matter more than the picture.
 */
export function withLagChart(
  build: ReportBuilder,
  deps: {
    snapshots: SnapshotService;
    now: () => number;
    windowMs: number;
    file: (s: Snapshot) => FileAttachment;
    log: ChartLog;
  },
): ReportBuilder {
  return async (trigger) => {
    const message = await build(trigger);
    const to = trigger.kind === 'manual' ? deps.now() : trigger.slot;
    try {
      const shot = await deps.snapshots.take({ panel: LAG_PANEL, from: to - deps.windowMs, to });
      return { ...message, chart: deps.file(shot) };
    } catch (error) {
      deps.log.warn(`lag report chart: ${error instanceof Error ? error.message : String(error)}`);
      return message;
    }
  };
}

/**
 * Posts a panel into a thread: the alert watcher's hook (the thread gets the relevant panel when it opens
 * and when it resolves), and the hook for the cutover thread's key moments.
 */
export function threadCharts(deps: {
  snapshots: SnapshotService;
  attacher: ChartAttacher;
  now: () => number;
  file: (s: Snapshot) => FileAttachment;
}) {
  const postPanel = async (target: {
    channel: string;
    threadTs: string;
    panel: string;
    from: number;
    to: number;
  }) => {
    const shot = await deps.snapshots.take({ panel: target.panel, from: target.from, to: target.to });
    await deps.attacher.attach(target.channel, deps.file(shot), target.threadTs);
  };
  return {
    postPanel,
    /** For AlertWatcherDeps.onThread: an hour before the opening; at resolution, from before it opened until now. */
    onAlertThread: async (event: ThreadEvent) => {
      const panel = ALERT_PANELS[event.alert.key.split(':')[0] ?? ''];
      if (!panel) return;
      const now = deps.now();
      const opened = event.alert.openedAt ?? event.alert.firstSeen;
      const from = event.phase === 'opened' ? now - HOUR : Math.min(opened - 15 * 60_000, now - HOUR);
      await postPanel({ channel: event.channel, threadTs: event.ts, panel, from, to: now });
    },
    /** For the cutover thread (when it lands): the lag panel around a key moment such as "producers switched". */
    onCutoverMoment: (channel: string, threadTs: string) =>
      postPanel({ channel, threadTs, panel: LAG_PANEL, from: deps.now() - HOUR, to: deps.now() }),
  };
}
