import type { Block } from '../view';
import type { GateResult } from '../../usecases/cutover/gates/gate-types';
import { context, section } from '../blocks';
import { escapeText } from '../mrkdwn';

const ICON: Record<GateResult['status'], string> = {
  pass: ':large_green_circle:',
  warn: ':large_yellow_circle:',
  wait: ':hourglass_flowing_sand:',
  fail: ':red_circle:',
};

/** One line per gate with its numbers, then the evidence (members, partitions) under the red ones. */
export function evidenceBlocks(evidence: GateResult[], max = 20): Block[] {
  if (evidence.length === 0) return [];
  const lines = evidence.map((r) => {
    const head = `${ICON[r.status]} *${r.gate}*: ${escapeText(r.summary)}`;
    const more = r.details.map((d) => `      • ${escapeText(d)}`);
    return [head, ...more].join('\n');
  });
  const blocks: Block[] = [];
  let chunk = '';
  for (const line of lines) {
    if (chunk.length + line.length + 1 > 2800) {
      blocks.push(section(chunk));
      chunk = '';
    }
    chunk += (chunk ? '\n' : '') + line;
  }
  if (chunk) blocks.push(section(chunk));
  return blocks.slice(0, max);
}

export const evidenceText = (evidence: GateResult[]): string =>
  evidence
    .map(
      (r) =>
        `${r.status.toUpperCase()} ${r.gate}: ${r.summary}${r.details.length ? ` [${r.details.join('; ')}]` : ''}`,
    )
    .join('\n');

export const measuredAt = (evidence: GateResult[]): Block[] =>
  evidence.length
    ? [context(`measured ${new Date(Math.max(...evidence.map((e) => e.at))).toISOString()}`)]
    : [];
