import type { View } from '../view';
import type { Cutover, StepState } from '../../usecases/cutover/cutover-types';
import { context, header, section } from '../blocks';
import { escapeText, mention } from '../mrkdwn';

const ICON: Record<StepState['status'], string> = {
  pending: ':white_circle:',
  'awaiting-approval': ':raised_hand:',
  acting: ':gear:',
  acted: ':mag:',
  done: ':white_check_mark:',
  'rolled-back': ':leftwards_arrow_with_hook:',
};

const KIND: Record<StepState['kind'], string> = {
  check: 'check',
  connector: 'connector',
  ecs: 'ECS',
  manual: 'manual',
};

const stepLine = (s: StepState, isCurrent: boolean) => {
  const marks = [
    KIND[s.kind],
    s.approval !== 'none' ? `${s.approval} approval` : undefined,
    s.pointOfNoReturn ? ':warning: point of no return' : undefined,
  ].filter(Boolean);
  const note = s.note && s.status !== 'done' ? ` — _${escapeText(s.note)}_` : '';
  const estimate = s.reReadEstimate !== undefined ? ` (re-read estimate ≈${s.reReadEstimate})` : '';
  return `${ICON[s.status]} ${isCurrent ? '*' : ''}${escapeText(s.title)}${isCurrent ? '*' : ''} · ${marks.join(' · ')}${estimate}${note}`;
};

/** The thread's root: the live checklist, updated in place after every step. */
export function checklistView(c: Cutover): View {
  const currentKey =
    c.status === 'active'
      ? c.steps.find((s) => s.status !== 'done' && s.status !== 'rolled-back')?.key
      : undefined;
  const done = c.steps.filter((s) => s.status === 'done').length;
  const state =
    c.status === 'active'
      ? `${done}/${c.steps.length} steps done`
      : c.status === 'done'
        ? 'complete'
        : 'aborted';
  const lines = c.steps.map((s) => stepLine(s, s.key === currentKey));
  const chunks: string[] = [];
  for (const line of lines) {
    const last = chunks[chunks.length - 1];
    if (last !== undefined && last.length + line.length < 2800)
      chunks[chunks.length - 1] = `${last}\n${line}`;
    else chunks.push(line);
  }
  return {
    text: `Cutover ${c.id} (${c.profile}): ${state}`,
    blocks: [
      header(`Cutover ${c.id} · ${c.profile} · ${state}`),
      ...chunks.slice(0, 40).map(section),
      context(
        `runbook ${escapeText(c.runbook)} · started by ${mention(c.requester)} ${c.createdAt} · ${c.status === 'active' ? 'run `/mm2 cutover next` to go on, `/mm2 cutover abort` before the point of no return' : `updated ${c.updatedAt}`}`,
      ),
    ],
  };
}
