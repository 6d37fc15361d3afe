// The baseline Bolt app as its own process, like the bot: the fair comparison for latency and memory.
// Reads its Slack settings from the same variable names as the bot; prints one ready line on stdout.
import { startBaselineBoltApp } from './baseline-bolt-app';

const need = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
};

startBaselineBoltApp({
  apiUrl: need('SLACK_API_URL'),
  botToken: need('SLACK_BOT_TOKEN'),
  appToken: need('SLACK_APP_TOKEN'),
  ...(process.env.CONNECT_URL ? { connectUrl: process.env.CONNECT_URL } : {}),
})
  .then((app) => {
    process.stdout.write('baseline ready\n');
    const stop = () => void app.stop().finally(() => process.exit(0));
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
  })
  .catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  });
