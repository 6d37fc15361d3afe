// The bench's yardstick: the smallest Bolt app that does what the bot must do for a command, ack at once
// and answer through response_url. Same Bolt, same receiver, same client options as the bot under test,
// so the difference in ack latency is the bot's own work. With `connectUrl`, `/mm2 status` is answered
// the quickest way Slack allows, in the ack, with the raw JSON of the one Connect call: the floor any
// Slack app pays for a status, next to which the bot's own status is judged.

import { App, LogLevel, SocketModeReceiver } from '@slack/bolt';
import { stopBoltApp } from '../slack-standin/bolt-against-stand-in';

export interface BaselineOptions {
  apiUrl: string;
  botToken: string;
  appToken: string;
  connectUrl?: string;
}

export interface BaselineApp {
  stop(): Promise<void>;
}

export async function startBaselineBoltApp(o: BaselineOptions): Promise<BaselineApp> {
  // Few, quick retries: a bench against a dead stand-in must fail fast, not retry for half an hour.
  const clientOptions = () => ({
    slackApiUrl: o.apiUrl,
    retryConfig: { retries: 2, factor: 1, minTimeout: 100, maxTimeout: 200 },
  });
  const receiver = new SocketModeReceiver({
    appToken: o.appToken,
    logLevel: LogLevel.ERROR,
    installerOptions: { clientOptions: clientOptions() },
  });
  const app = new App({
    token: o.botToken,
    receiver,
    logLevel: LogLevel.ERROR,
    clientOptions: clientOptions(),
  });
  app.command('/mm2', async ({ ack, command, respond }) => {
    if (o.connectUrl !== undefined && command.text === 'status') {
      const response = await fetch(`${o.connectUrl}/connectors?expand=status&expand=info`);
      const text = '```' + JSON.stringify(await response.json()).slice(0, 2900) + '```';
      await ack({ response_type: 'in_channel', text });
      return;
    }
    await ack();
    await respond({ response_type: 'ephemeral', text: `baseline: ${command.text}` });
  });
  await app.start();
  return { stop: () => stopBoltApp(app, receiver) };
}
