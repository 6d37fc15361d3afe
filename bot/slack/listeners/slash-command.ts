import type { App } from '@slack/bolt';
import type { Dispatcher } from '../../commands/dispatcher';
import { SLASH_COMMANDS } from '../slack-contract';
import type { Logger } from '../../ports/logger';
import { pendingAck } from '../pending-ack';
import { slackSurface } from '../slack-surface';

/**
 * `/mm2 ...`: hand the text to the dispatcher with the ack held back, so a quick answer goes in it; the
 * ack goes out bare at the budget, or as soon as the command posts anything else.
 */
export function registerSlashCommand(
  app: App,
  deps: { dispatcher: Dispatcher; redact: <T>(v: T) => T; log: Logger; ackBudgetMs?: number },
): void {
  app.command(SLASH_COMMANDS[0], async ({ ack, command, client, respond }) => {
    const held = pendingAck(
      ack,
      (error) => deps.log.warn({ err: deps.redact(String(error)) }, 'the ack could not be sent'),
      deps.ackBudgetMs,
    );
    const surface = slackSurface(
      { client, channel: command.channel_id, user: command.user_id, respond, ack: held },
      deps.redact,
    );
    try {
      await deps.dispatcher.handle(
        { user: command.user_id, channel: command.channel_id, text: command.text ?? '' },
        surface,
      );
    } finally {
      await held.settle();
    }
  });
}
