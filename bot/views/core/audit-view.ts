import type { View } from '../view';
import { context, header, section } from '../blocks';
import { code, escapeText } from '../mrkdwn';

export interface AuditShape {
  time: string;
  user: string;
  channel: string;
  command: string;
  args: string[];
  outcome: string;
  correlationId: string;
}

const ICON: Record<string, string> = {
  ok: ':white_check_mark:',
  refused: ':no_entry_sign:',
  error: ':x:',
  requested: ':raised_hand:',
  approved: ':thumbsup:',
  rejected: ':no_entry:',
  expired: ':alarm_clock:',
};

/** Newest first; one line per record, packed into few sections to stay under the block limit. */
export function auditView(records: AuditShape[]): View {
  if (records.length === 0)
    return { text: 'No audit records yet.', blocks: [section('No audit records yet.')] };
  const lines = records.map(
    (r) =>
      `${ICON[r.outcome] ?? '•'} ${r.time.replace('T', ' ').slice(0, 19)} *${escapeText(r.user)}* ${code(['/mm2', r.command, ...r.args].join(' ').slice(0, 200))} → ${escapeText(r.outcome)} · ${r.correlationId}`,
  );
  const chunks: string[] = [];
  for (const line of lines) {
    const last = chunks.length - 1;
    if (last >= 0 && chunks[last]!.length + line.length + 1 <= 2900) chunks[last] += `\n${line}`;
    else chunks.push(line);
  }
  return {
    text: `Last ${records.length} audit records`,
    blocks: [
      header(`Audit: last ${records.length}`),
      ...chunks.slice(0, 47).map(section),
      context('Newest first. Arguments are redacted.'),
    ],
  };
}
