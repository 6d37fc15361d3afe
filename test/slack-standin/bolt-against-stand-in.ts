import { App, LogLevel, SocketModeReceiver, type Logger } from '@slack/bolt';

export interface BoltAgainstStandIn {
  apiUrl: string;
  botToken: string;
  appToken: string;
  /**
   * The socket client waits `clientPingTimeout` ms before reconnecting after a close (times the number of
   * consecutive failures), and declares the link dead when a pong is later than that. 3000 ms keeps
   * reconnect tests short without flapping on a busy machine (the SDK default is 5000).
   */
  clientPingTimeoutMs?: number;
  logLevel?: LogLevel;
}

/**
 * The client options a Bolt app needs to run against the stand-in. The retry policy is short on purpose:
 * SocketModeClient defaults to 100 retries of apps.connections.open and WebClient to ten retries over
 * half an hour, which turns any mistake into a hung test.
 */
export function standInClientOptions(apiUrl: string): {
  slackApiUrl: string;
  retryConfig: { retries: number; factor: number; minTimeout: number; maxTimeout: number };
} {
  return { slackApiUrl: apiUrl, retryConfig: { retries: 2, factor: 1, minTimeout: 100, maxTimeout: 200 } };
}

/** A real Bolt App with a real SocketModeReceiver pointed at the stand-in; listeners are up to the caller. */
export function boltAppAgainstStandIn(o: BoltAgainstStandIn): { app: App; receiver: SocketModeReceiver } {
  const logLevel = o.logLevel ?? LogLevel.ERROR;
  const receiver = new SocketModeReceiver({
    appToken: o.appToken,
    logLevel,
    clientPingTimeout: o.clientPingTimeoutMs ?? 3000,
    installerOptions: { clientOptions: standInClientOptions(o.apiUrl) },
  });
  const app = new App({
    token: o.botToken,
    receiver,
    logLevel,
    clientOptions: standInClientOptions(o.apiUrl),
  });
  return { app, receiver };
}

/**
 * Stops the app and waits until its socket has closed. Bolt 5's SocketModeReceiver resolves stop() as
 * soon as the close frame is sent; a stand-in stopped inside that window cuts the handshake, and
 * socket-mode 3.1 then sends a second close and leaves its first 30 s handshake timer running (it
 * overwrites the handle), which keeps the process alive after the test.
 */
export async function stopBoltApp(app: App, receiver: SocketModeReceiver, timeoutMs = 5000): Promise<void> {
  const closed = new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, timeoutMs);
    receiver.client.once('disconnected', () => {
      clearTimeout(timer);
      resolve();
    });
  });
  await app.stop();
  await closed;
}

/** A logger that drops everything, for tests that provoke errors on purpose. */
export function silentLogger(): Logger {
  let level = LogLevel.ERROR;
  const noop = (): void => undefined;
  return {
    debug: noop,
    info: noop,
    warn: noop,
    error: noop,
    setLevel: (l: LogLevel) => {
      level = l;
    },
    getLevel: () => level,
    setName: noop,
  };
}
