// The composition root: reads the configuration once, builds every adapter, and runs the bot in
// Slack (Socket Mode) or, with no Slack tokens, in the console chat against the local lab.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import pino from 'pino';
import type { BotConfig } from './config/bot-config';
import { loadConfig } from './config/load-config';
import { Dispatcher } from './commands/dispatcher';
import { ConsoleScreen } from './console/console-screen';
import { runConsoleChat } from './console/console-chat';
import { attachmentSaver } from './console/save-attachment';
import { systemClock } from './domain/clock';
import { isAppError } from './domain/errors';
import { InFlight } from './domain/in-flight';
import { createRedactor } from './domain/redactor';
import { startHealthServer } from './adapters/http/health-server';
import { createPinoLogger } from './adapters/log/pino-logger';
import { PromMetrics } from './adapters/metrics/prom-metrics';
import { SlackUserGroupDirectory } from './adapters/slack-directory/slack-user-group-directory';
import type { ChannelMessenger } from './ports/channel-messenger';
import { createSlackApp, registerListeners } from './slack/create-slack-app';
import { slackMessenger } from './slack/slack-messenger';
import { createAlertWatcher } from './usecases/alerts/alert-watcher';
import { connectorDetector, lagDetector, scrapeDetector } from './usecases/alerts/detectors';
import { ruleAlertsDetector } from './usecases/alerts/rule-alerts-detector';
import { Approvals } from './usecases/approvals/approvals';
import { createRunEngine } from './usecases/approvals/run-engine';
import { StoreAuditLog } from './usecases/audit/store-audit-log';
import { createReportBuilder } from './usecases/reports/report-builder';
import { createReportScheduler } from './usecases/reports/report-scheduler';
import { nodeCronEngine } from './adapters/cron/node-cron-engine';
import { RoleResolver } from './usecases/roles/role-resolver';
import { alertViews } from './views/alerts/alert-views';
import { scheduledReportView } from './views/lag/scheduled-report-view';
import { createBackends, createProfileSource } from './wiring/backends';
import { createCommands } from './wiring/commands';
import { createStateStore } from './wiring/state-store';
import { startApprovalExpiry } from './wiring/approval-expiry';
import { chartLog, createSnapshots, REPORT_CHART_WINDOW_MS } from './wiring/snapshots';
import { threadCharts, withLagChart } from './usecases/snapshots/chart-posts';
import { snapshotFile } from './views/snapshots/snapshot-views';
import { createCutover, loadRunbooks } from './wiring/cutover';

/** Audit records of commands answered within this window are stored together. */
const AUDIT_COMMIT_WINDOW_MS = 50;
/** Shutdown waits this long for commands and approved runs in flight (ECS sends SIGKILL after 30 s). */
const DRAIN_MS = 25_000;

function fail(message: string): never {
  process.stderr.write(`mm2-chatops: ${message}\n`);
  process.exit(2);
}

function readConfig(): BotConfig {
  try {
    return loadConfig();
  } catch (error) {
    fail(startFailure(error));
  }
}

async function main(): Promise<void> {
  const config = readConfig();
  const clock = systemClock;
  const redactor = createRedactor({
    secrets: [
      config.slack?.botToken,
      config.slack?.appToken,
      config.kafkaAccess.source.password,
      config.kafkaAccess.target.password,
    ].filter((s): s is string => Boolean(s)),
  });
  const redact = <T>(value: T): T => redactor.value(value);
  const consoleMode = !config.slack;
  const runDir = config.labRunDir;
  if (consoleMode) mkdirSync(runDir, { recursive: true });
  // In the console the chat owns the terminal: logs go to a file.
  const log = createPinoLogger({
    level: config.logLevel,
    redact,
    destination: consoleMode ? pino.destination({ dest: join(runDir, 'bot.log'), sync: false }) : undefined,
  });

  const profileSource = createProfileSource(config, clock);
  const loaded = await profileSource.load().catch((error: unknown) => fail(startFailure(error)));
  const backends = (() => {
    try {
      return createBackends(config, loaded, clock);
    } catch (error) {
      return fail(startFailure(error));
    }
  })();
  const runbooks = await loadRunbooks(config).catch((error: unknown) => fail(startFailure(error)));
  const store = createStateStore(config);
  // A burst of commands shares one durable write (one fsync, or one S3 PUT) per window.
  const audit = new StoreAuditLog({ store, clock, redactor, commitWindowMs: AUDIT_COMMIT_WINDOW_MS });
  const metrics = new PromMetrics();
  let socketConnected = consoleMode;

  const slack = config.slack
    ? createSlackApp({
        ...config.slack,
        timeoutMs: config.timeouts.slackMs,
        redact,
        log,
        // Health follows the socket itself: false from the disconnect frame or close, not from the
        // client's later `reconnecting` (which waits a ping timeout first); one count per lost socket.
        onSocketDown: () => {
          if (socketConnected) metrics.socketReconnected();
          socketConnected = false;
        },
        onConnected: () => void (socketConnected = true),
      })
    : undefined;
  const roles = new RoleResolver({
    bindings: config.roles,
    directory: slack ? new SlackUserGroupDirectory(slack.app.client) : undefined,
    clock,
    ttlMs: config.userGroupTtlSeconds * 1000,
    log,
  });
  const approvals = new Approvals({
    store,
    clock,
    roles,
    audit,
    ttlMs: config.approvalTtlMinutes * 60_000,
    log,
  });
  const snapshots = createSnapshots(config, backends.metrics, clock);
  const report = withLagChart(
    createReportBuilder({
      lag: backends.lag,
      health: backends.health,
      render: scheduledReportView,
      now: () => clock.now(),
    }),
    {
      snapshots,
      now: () => clock.now(),
      windowMs: REPORT_CHART_WINDOW_MS,
      file: snapshotFile,
      log: chartLog(log),
    },
  );
  const screen = new ConsoleScreen(
    process.stdout,
    redact,
    attachmentSaver(join(runDir, 'attachments'), (text) => redactor.text(text)),
  );
  const messenger: ChannelMessenger = slack ? slackMessenger(slack.app.client, redact) : screen.messenger();
  const cutover = createCutover({ config, loaded, runbooks, backends, store, approvals, messenger, clock });
  const specs = createCommands({
    backends,
    profile: profileSource,
    redactor,
    clock,
    audit,
    roles,
    report,
    snapshots,
    extra: [cutover.spec],
  });
  // A running approved command beats every 30 s; six missed beats is a crash.
  const runs = createRunEngine({
    approvals,
    audit,
    clock,
    log,
    metrics,
    redact: (s) => redactor.text(s),
    heartbeatMs: 30_000,
    interruptedAfterMs: 180_000,
    retentionMs: config.approvalRetentionDays * 86_400_000,
  });
  const inFlight = new InFlight();
  const dispatcher = new Dispatcher({
    inFlight,
    specs,
    roles,
    approvals,
    runs,
    audit,
    allowedChannels: config.channels,
    clock,
    log,
    metrics,
    redact: (s) => redactor.text(s),
  });

  const health = await startHealthServer({
    port: config.metricsPort,
    registry: metrics.registry,
    health: () => ({
      ok: socketConnected,
      mode: consoleMode ? 'console' : 'slack',
      socket: socketConnected ? 'connected' : 'connecting',
    }),
  });

  const scheduler = createReportScheduler({
    schedules: config.reportSchedules,
    store,
    messenger,
    build: report,
    clock,
    cron: nodeCronEngine(),
    instanceId: backends.instanceId,
    log: { info: (m) => log.info({}, m), warn: (m) => log.warn({}, m) },
  });
  const watcher = config.alerts.channel
    ? createAlertWatcher({
        detectors: [
          connectorDetector(backends.health),
          lagDetector(backends.lag, {
            openAtRecords: backends.thresholds.lagRecords.red,
            sustainMs: config.alerts.sustainSeconds * 1000,
          }),
          scrapeDetector(backends.metrics),
          // The alert rules Prometheus evaluates reach the channel here (no Alertmanager).
          ruleAlertsDetector(backends.metrics),
        ],
        store,
        messenger,
        render: alertViews,
        clock,
        channel: config.alerts.channel,
        minUpdateIntervalMs: config.alerts.updateSeconds * 1000,
        clearAfterMs: config.alerts.clearSeconds * 1000,
        log: { warn: (m) => log.warn({}, m) },
        onThread: threadCharts({ snapshots, attacher: messenger, now: () => clock.now(), file: snapshotFile })
          .onAlertThread,
      })
    : undefined;

  const expiry = startApprovalExpiry({ runs, messenger, log, intervalMs: 60_000 });
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    // Drain before disconnecting: a round, slot or run cut between a post and its record would be
    // repeated or lost by the next bot. The socket stays up meanwhile, so running commands can answer.
    const drained = await Promise.race([
      Promise.all([scheduler.stop(), watcher?.stop(), expiry.stop(), inFlight.idle()]).then(() => true),
      new Promise<false>((resolve) => setTimeout(() => resolve(false), DRAIN_MS).unref()),
    ]);
    if (!drained) log.warn({ running: inFlight.size, afterMs: DRAIN_MS }, 'shutdown did not drain in time');
    await slack?.app.stop().catch(() => undefined);
    await audit.flush().catch((error: unknown) => log.error({ err: String(error) }, 'audit flush failed'));
    await health.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));

  if (slack) {
    await slack.app.init();
    registerListeners(slack.app, { dispatcher, redact, log });
    await slack.app.start();
    socketConnected = true;
  }
  await scheduler.start();
  watcher?.start(config.alerts.intervalSeconds * 1000);
  log.info(
    {
      mode: consoleMode ? 'console' : 'slack',
      metricsPort: health.port,
      profile: loaded.profile.name,
      commands: dispatcher.verbs(),
    },
    'mm2-chatops ready',
  );

  if (consoleMode) {
    await runConsoleChat({
      dispatcher,
      screen,
      channel: config.channels[0]!,
      users: Object.values(config.roles).flat(),
      initialUser: config.roles.approver[0] ?? 'alice',
      input: process.stdin,
      prompt: Boolean(process.stdin.isTTY),
    });
    await shutdown('console closed');
  }
}

/** Start-up failures a person can act on, named by what to check. */
function startFailure(error: unknown): string {
  if (isAppError(error)) return `${error.message}${error.hint ? `\n${error.hint}` : ''}`;
  const slackCode = (error as { data?: { error?: string } }).data?.error;
  if (slackCode === 'invalid_auth' || slackCode === 'not_authed' || slackCode === 'not_allowed_token_type') {
    return `Slack refused the tokens (${slackCode}): check SLACK_BOT_TOKEN (xoxb-, the app's bot token) and SLACK_APP_TOKEN (xapp-, an app-level token with connections:write).`;
  }
  return `failed to start: ${error instanceof Error ? error.message : String(error)}`;
}

main().catch((error: unknown) => fail(startFailure(error)));
