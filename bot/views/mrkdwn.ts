/**
 * Text that came from users or remote systems, made inert for Slack mrkdwn: `<!channel>`,
 * `<@U123>` and links cannot be formed from it. Slack's own escaping rules: & < >.
 */
export function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A mention built by us from a validated user ID, never from free text. */
export function mention(userId: string): string {
  return /^[UW][A-Z0-9]{2,}$/.test(userId) ? `<@${userId}>` : `*${escapeText(userId)}*`;
}

/** Cuts text to Slack's limits, saying so. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const note = ' … (truncated)';
  return text.slice(0, Math.max(0, max - note.length)) + note;
}

/** Cuts a short field (a table cell, a name, an error line) to `max` characters, ending in an ellipsis. */
export const clip = (text: string, max: number): string =>
  text.length <= max ? text : `${text.slice(0, max - 1)}…`;

/** Inline code that stays inline code whatever it contains. */
export function code(text: string): string {
  return '`' + escapeText(text).replace(/`/g, "'") + '`';
}
