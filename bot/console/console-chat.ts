import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import type { Dispatcher } from '../commands/dispatcher';
import { APPROVE_ACTION, REJECT_ACTION } from '../views/core/approval-views';
import type { ConsoleScreen } from './console-screen';

export interface ConsoleChatDeps {
  dispatcher: Dispatcher;
  screen: ConsoleScreen;
  channel: string;
  users: string[];
  initialUser: string;
  input: Readable;
  /** Shows the prompt; off when input is not a terminal (scripts, tests). */
  prompt: boolean;
}

export const CONSOLE_HELP = `Console chat (the embedded default, no Slack needed).
  /mm2 <command>   run a command, e.g. /mm2 help, /mm2 status, /mm2 lag
  /as <user>       switch identity to rehearse roles and approvals
  /who             who you are and who exists
  <number>         click a numbered button of the latest message that has buttons
  /quit            leave (Ctrl-D too)`;

/** The Hubot-style shell: `/mm2 ...` lines run the same handlers as Slack, rendered as text. */
export async function runConsoleChat(deps: ConsoleChatDeps): Promise<void> {
  const { screen } = deps;
  let user = deps.initialUser;
  screen.write(CONSOLE_HELP);
  screen.write(`You are ${user}. Users with roles: ${deps.users.join(', ')}.`);
  const rl = createInterface({ input: deps.input, terminal: false });
  const prompt = () => deps.prompt && screen.write(`${user}> `);
  prompt();
  for await (const raw of rl) {
    const line = raw.trim();
    if (line === '/quit' || line === '/exit') break;
    const surface = screen.surfaceFor(user, deps.channel);
    if (line === '') {
      // nothing
    } else if (line.startsWith('/as')) {
      const next = line.split(/\s+/)[1];
      if (next && /^[A-Za-z0-9._-]{1,40}$/.test(next)) {
        user = next;
        screen.write(`You are now ${user}.${deps.users.includes(user) ? '' : ' (This user has no role.)'}`);
      } else screen.write('Usage: /as <user>   e.g. /as bob');
    } else if (line === '/who') {
      screen.write(`You are ${user}. Users with roles: ${deps.users.join(', ')}.`);
    } else if (line === '/help' || line === 'help') {
      screen.write(CONSOLE_HELP);
    } else if (/^\d+$/.test(line)) {
      const button = screen.button(Number(line));
      if (!button || (button.actionId !== APPROVE_ACTION && button.actionId !== REJECT_ACTION))
        screen.write(`There is no button ${line}.`);
      else
        await deps.dispatcher.decide(
          {
            user,
            channel: deps.channel,
            approvalId: button.value,
            decision: button.actionId === APPROVE_ACTION ? 'approve' : 'reject',
          },
          surface,
        );
    } else if (line.startsWith('/mm2')) {
      await deps.dispatcher.handle({ user, channel: deps.channel, text: line.slice(4).trim() }, surface);
    } else {
      screen.write('Commands start with /mm2 (try /mm2 help); /help lists console commands.');
    }
    prompt();
  }
  rl.close();
}
