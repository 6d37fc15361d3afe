import type { App } from '@slack/bolt';
import type { Dispatcher } from '../../commands/dispatcher';
import { SLASH_COMMANDS } from '../slack-contract';
import { slackSurface } from '../slack-surface';

/** `/mm2 ...`: ack at once, then hand the text to the dispatcher. */
export function registerSlashCommand(
  app: App,
  deps: { dispatcher: Dispatcher; redact: <T>(v: T) => T },
): void {
  app.command(SLASH_COMMANDS[0], async ({ ack, command, client, respond }) => {
    await ack();
    const surface = slackSurface(
      { client, channel: command.channel_id, user: command.user_id, respond },
      deps.redact,
    );
    await deps.dispatcher.handle(
      { user: command.user_id, channel: command.channel_id, text: command.text ?? '' },
      surface,
    );
  });
}
