import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { FileAttachment, View } from '../commands/command';
import type { Dispatcher } from '../commands/dispatcher';
import type { ChatSurface, MessageRef } from '../ports/chat-surface';
import { fitToSlack } from '../views/fit-to-slack';
import { APPROVE_ACTION, REJECT_ACTION } from '../views/core/approval-views';
import { renderText, type ConsoleButton } from './render-text';

export interface ConsoleChatDeps {
  dispatcher: Dispatcher;
  channel: string;
  users: string[];
  initialUser: string;
  input: Readable;
  output: Writable;
  redact: <T>(v: T) => T;
  saveAttachment(file: FileAttachment): Promise<string>;
}

const HELP = `Console chat (the embedded default, no Slack needed).
  /mm2 <command>   run a command, e.g. /mm2 help, /mm2 status, /mm2 lag
  /as <user>       switch identity to rehearse roles and approvals
  /who             who you are and who exists
  <number>         click a numbered button of the latest message that has buttons
  /quit            leave (Ctrl-D too)`;

/** The Hubot-style shell: `/mm2 ...` lines run the same handlers as Slack, rendered as text. */
export async function runConsoleChat(deps: ConsoleChatDeps): Promise<void> {
  let user = deps.initialUser;
  let nextTs = 1;
  let buttons: ConsoleButton[] = [];
  const write = (line: string): void => void deps.output.write(`${line}\n`);

  const show = (label: string, view: View) => {
    const rendered = renderText(fitToSlack(view, deps.redact));
    if (rendered.buttons.length > 0) buttons = rendered.buttons;
    write(`${label}\n${rendered.text.replace(/^/gm, '  ')}`);
  };
  const surfaceFor = (asUser: string): ChatSurface => ({
    post: async (view) => {
      const ref: MessageRef = { channel: deps.channel, ts: String(nextTs++) };
      show(`[bot #${ref.ts}]`, view);
      return ref;
    },
    update: async (ref, view) => show(`[bot #${ref.ts} updated]`, view),
    ephemeral: async (view) => show(`[bot, only to ${asUser}]`, view),
    attach: async (file) => write(`[bot attached ${file.title}: ${await deps.saveAttachment(file)}]`),
  });

  write(HELP);
  const rl = createInterface({ input: deps.input, terminal: false });
  const prompt = () => deps.output.write(`${user}> `);
  prompt();
  for await (const raw of rl) {
    const line = raw.trim();
    if (line === '/quit' || line === '/exit') break;
    if (line === '') {
      prompt();
      continue;
    }
    if (line.startsWith('/as')) {
      const next = line.split(/\s+/)[1];
      if (next && /^[A-Za-z0-9._-]{1,40}$/.test(next)) {
        user = next;
        write(`You are now ${user}.${deps.users.includes(user) ? '' : ' (This user has no role.)'}`);
      } else write('Usage: /as <user>   e.g. /as bob');
    } else if (line === '/who') {
      write(`You are ${user}. Users with roles: ${deps.users.join(', ')}.`);
    } else if (line === '/help' || line === 'help') {
      write(HELP);
    } else if (/^\d+$/.test(line)) {
      const button = buttons[Number(line) - 1];
      if (!button || (button.actionId !== APPROVE_ACTION && button.actionId !== REJECT_ACTION))
        write(`There is no button ${line}.`);
      else
        await deps.dispatcher.decide(
          {
            user,
            channel: deps.channel,
            approvalId: button.value,
            decision: button.actionId === APPROVE_ACTION ? 'approve' : 'reject',
          },
          surfaceFor(user),
        );
    } else if (line.startsWith('/mm2')) {
      await deps.dispatcher.handle(
        { user, channel: deps.channel, text: line.slice(4).trim() },
        surfaceFor(user),
      );
    } else {
      write('Commands start with /mm2 (try /mm2 help); /help lists console commands.');
    }
    prompt();
  }
  rl.close();
}
