import type { FileAttachment } from '../view';
import type { Cutover } from '../../usecases/cutover/cutover-types';

/**
 * The cutover report: Markdown for people (steps, who approved, what was called, the gate evidence
 * with its numbers, the timeline) and the JSON evidence for the record. Hook for issue 12: a chart
 * can be attached next to it at the same moments.
 */
export function cutoverReport(c: Cutover): { markdown: FileAttachment; json: FileAttachment } {
  const lines = [
    `# Cutover ${c.id} (${c.profile})`,
    '',
    `Runbook ${c.runbook}, started by ${c.requester} at ${c.createdAt}; status **${c.status}** (${c.updatedAt}).`,
    '',
    '| # | step | kind | status | approved by | result | re-read estimate |',
    '|---|---|---|---|---|---|---|',
    ...c.steps.map(
      (s, i) =>
        `| ${i + 1} | ${s.title}${s.pointOfNoReturn ? ' (point of no return)' : ''} | ${s.kind} | ${s.status} | ${s.approvedBy ?? ''} | ${(s.note ?? '').replace(/\|/g, '/')} | ${s.reReadEstimate ?? ''} |`,
    ),
    '',
    '## Gate evidence',
    ...c.steps.flatMap((s) => [
      '',
      `### ${s.title}`,
      ...(s.evidence ?? []).map(
        (e) =>
          `- ${e.status.toUpperCase()} ${e.gate}: ${e.summary}${e.details.length ? `\n  - ${e.details.join('\n  - ')}` : ''}`,
      ),
      ...(s.memo.calls?.length ? [`- calls: ${s.memo.calls.join('; ')}`] : []),
    ]),
    '',
    ...(c.abortNotes?.length ? ['## After the abort', ...c.abortNotes.map((n) => `- ${n}`), ''] : []),
    '## Timeline',
    ...c.history.map((h) => `- ${h.at} ${h.text}`),
    '',
  ];
  return {
    markdown: { filename: `cutover-${c.id}.md`, title: `Cutover ${c.id} report`, content: lines.join('\n') },
    json: {
      filename: `cutover-${c.id}.json`,
      title: `Cutover ${c.id} evidence`,
      content: JSON.stringify(c, null, 2),
    },
  };
}
