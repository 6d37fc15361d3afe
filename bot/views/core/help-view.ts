import type { View } from '../view';
import type { Role } from '../../domain/roles';
import { context, header, section } from '../blocks';
import { escapeText } from '../mrkdwn';

/** What help shows of a command. */
export interface HelpLine {
  usage: string;
  summary: string;
  approval?: 'self' | 'peer';
}

/** Only the commands the caller may run, one usage line each. */
export function helpView(specs: HelpLine[], role: Role | undefined): View {
  const lines = specs.map(
    (s) =>
      `\`${escapeText(s.usage)}\` ${escapeText(s.summary)}${s.approval === 'peer' ? ' _(needs a second person to approve)_' : s.approval === 'self' ? ' _(asks you to confirm)_' : ''}`,
  );
  const body = lines.length > 0 ? lines.join('\n') : 'You may not run any command here.';
  return {
    text: `mm2 commands you can run: ${specs.length}`,
    blocks: [
      header('MirrorMaker 2 migration bot'),
      section(body),
      context(
        role
          ? `Your role: *${role}*. Roles: viewer < operator < approver.`
          : 'You have no role yet: ask an admin to add you to MM2_ROLES.',
      ),
    ],
  };
}
