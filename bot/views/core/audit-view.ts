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

/** Where the next page starts: `before` is the cursor of the older page, when there is one. */
export interface AuditPaging {
  n: number;
  before?: string;
  /** This page itself was asked for with a cursor (so "none" means none older, not none at all). */
  paged?: boolean;
}

/** The command that shows the next, older page; the cursor is a bare record id (checked on input). */
export const olderCommand = (n: number, before: string) => `/mm2 audit ${n} --before ${before}`;

/** Newest first; one line per record, packed into few sections to stay under the block limit. */
export function auditView(records: AuditShape[], paging?: AuditPaging): View {
  if (records.length === 0) {
    const none = paging?.paged ? 'No older audit records.' : 'No audit records yet.';
    return { text: none, blocks: [section(none)] };
  }
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
      header(paging?.paged ? `Audit: ${records.length} older` : `Audit: last ${records.length}`),
      ...chunks.slice(0, 47).map(section),
      context(
        paging?.before !== undefined
          ? `Newest first. Arguments are redacted. Older: ${code(olderCommand(paging.n, paging.before))}`
          : 'Newest first. Arguments are redacted.',
      ),
    ],
  };
}
