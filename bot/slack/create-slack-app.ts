import { App, LogLevel, SocketModeReceiver, type Logger as BoltLogger } from '@slack/bolt';
import type { Dispatcher } from '../commands/dispatcher';
import type { Logger } from '../ports/logger';
import { registerApprovalActions } from './listeners/approval-actions';
import { registerSlashCommand } from './listeners/slash-command';
import { watchSocketLiveness } from './socket-liveness';

export interface SlackAppDeps {
  botToken: string;
  appToken: string;
  apiUrl?: string;
  /** Budget of each Web API call (MM2_SLACK_TIMEOUT_SECONDS); without one a hung call never ends. */
  timeoutMs?: number;
  redact: <T>(v: T) => T;
  log: Logger;
  /** The socket is closed or closing (disconnect frame, dropped socket, reconnect): not taking envelopes. */
  onSocketDown?: (reason: string) => void;
  onConnected?: () => void;
}

/** Bolt's logger interface, writing through our redacting logger. */
function boltLogger(log: Logger): BoltLogger {
  const join = (msgs: unknown[]) => msgs.map(String).join(' ');
  let level = LogLevel.INFO;
  return {
    debug: () => undefined,
    info: (...m) => log.info({ source: 'bolt' }, join(m)),
    warn: (...m) => log.warn({ source: 'bolt' }, join(m)),
    error: (...m) => log.error({ source: 'bolt' }, join(m)),
    setLevel: (l) => void (level = l),
    getLevel: () => level,
    setName: () => undefined,
  };
}

/** The Web API client's options: the API URL (the stand-in in tests), retries and the per-call budget. */
export function slackClientOptions(deps: Pick<SlackAppDeps, 'apiUrl' | 'timeoutMs'>) {
  return {
    slackApiUrl: deps.apiUrl,
    retryConfig: { retries: 5, factor: 1.6, maxTimeout: 10000 },
    timeout: deps.timeoutMs ?? 10_000,
  };
}

/** The real Bolt app in Socket Mode (outbound only), with `SLACK_API_URL` reaching both clients. Listeners come next (registerListeners). */
export function createSlackApp(deps: SlackAppDeps): { app: App; receiver: SocketModeReceiver } {
  const clientOptions = slackClientOptions(deps);
  const logger = boltLogger(deps.log);
  const receiver = new SocketModeReceiver({
    appToken: deps.appToken,
    logger,
    installerOptions: { clientOptions },
  });
  // Deferred: auth.test runs in init(), where a refused token is a catchable start-up error.
  // No conversation store: nothing here reads context.conversation, and it costs every event a lookup.
  const app = new App({
    token: deps.botToken,
    receiver,
    logger,
    clientOptions,
    convoStore: false,
    deferInitialization: true,
  });
  watchSocketLiveness(receiver.client, {
    onDown: (reason) => deps.onSocketDown?.(reason),
    onUp: () => deps.onConnected?.(),
  });
  app.error(async (error) => {
    deps.log.error(
      { code: (error as { code?: string }).code, err: deps.redact(String(error.message)) },
      'unhandled Slack listener error',
    );
  });
  return { app, receiver };
}

/** The listeners: thin, they ack and hand over to the dispatcher. */
export function registerListeners(
  app: App,
  deps: { dispatcher: Dispatcher; redact: <T>(v: T) => T; log: Logger },
): void {
  registerSlashCommand(app, deps);
  registerApprovalActions(app, deps);
}
