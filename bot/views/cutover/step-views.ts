import type { View } from '../view';
import type { Cutover, PlannedStep, StepState } from '../../usecases/cutover/cutover-types';
import type { StepOutcome } from '../../usecases/cutover/engine';
import type { GateResult } from '../../usecases/cutover/gates/gate-types';
import { context, header, section } from '../blocks';
import { escapeText, mention } from '../mrkdwn';
import { evidenceBlocks, measuredAt } from './evidence';

const what = (s: PlannedStep): string =>
  s.kind === 'manual' && s.manual
    ? `Team *${escapeText(s.manual.team)}*: ${escapeText(s.manual.instruction)}. Confirm once done; the gates verify it.`
    : s.kind === 'ecs' && s.ecs
      ? s.action === 'stop'
        ? `Scale ECS service \`${escapeText(s.ecs.service)}\` to 0.`
        : `Register a revision of \`${escapeText(s.ecs.service)}\` with ${escapeText(s.ecs.bootstrapEnv)} = the target, update the service, restore its count.`
      : s.kind === 'connector'
        ? `${s.action} connectors ${escapeText((s.connectors ?? []).join(', '))}.`
        : 'Checks only.';

/** What the approver sees on the request: the step, what it does, and the gate evidence measured now. */
export function stepPreview(step: StepState): View {
  return {
    text: step.title,
    blocks: [
      section(
        `*${escapeText(step.title)}*${step.pointOfNoReturn ? '\n:warning: *Point of no return*: after this, abort is refused.' : ''}\n${what(step)}`,
      ),
      ...evidenceBlocks(step.evidence ?? [], 12),
      ...(step.reReadEstimate !== undefined
        ? [context(`re-read estimate ≈${step.reReadEstimate} record(s)`)]
        : []),
    ],
  };
}

/** One step's outcome, posted in the cutover thread. */
export function outcomeView(outcome: StepOutcome): View {
  switch (outcome.kind) {
    case 'blocked':
      return {
        text: `Blocked: ${outcome.step.title}: ${outcome.reason}`,
        blocks: [
          section(`:no_entry: *Blocked*: ${escapeText(outcome.step.title)} — ${escapeText(outcome.reason)}`),
          ...evidenceBlocks(outcome.evidence),
          ...measuredAt(outcome.evidence),
          context('Fix what is red, then `/mm2 cutover next` measures again.'),
        ],
      };
    case 'done':
      return {
        text: `Done: ${outcome.step.title}: ${outcome.result}`,
        blocks: [
          section(
            `:white_check_mark: *Done*: ${escapeText(outcome.step.title)} — ${escapeText(outcome.result)}`,
          ),
          ...evidenceBlocks(outcome.evidence),
          ...measuredAt(outcome.evidence),
        ],
      };
    case 'approval-requested':
    case 'awaiting-approval':
      return {
        text: `Waiting for approval: ${outcome.step.title}`,
        blocks: [
          section(
            `:raised_hand: Waiting for approval: ${escapeText(outcome.step.title)} (request ${escapeText(outcome.approvalId)})`,
          ),
        ],
      };
    case 'running':
      return {
        text: `Running: ${outcome.step.title}`,
        blocks: [
          section(
            `:gear: ${escapeText(outcome.step.title)} is running (since ${escapeText(outcome.step.actingSince ?? '?')}).`,
          ),
        ],
      };
    case 'finished':
      return {
        text: `Cutover ${outcome.cutover.id} is ${outcome.cutover.status}`,
        blocks: [
          section(
            `:checkered_flag: Cutover ${escapeText(outcome.cutover.id)} is *${outcome.cutover.status}*.`,
          ),
        ],
      };
  }
}

/** The dry run: every step with its gates measured now; nothing was changed. */
export function planView(runbook: string, steps: Array<{ step: PlannedStep; evidence: GateResult[] }>): View {
  const red = steps.reduce((n, s) => n + s.evidence.filter((e) => e.status === 'fail').length, 0);
  return {
    text: `Cutover plan (dry run), runbook ${runbook}: ${steps.length} steps, ${red} red gate(s) now`,
    blocks: [
      header(`Cutover plan (dry run) · ${runbook}`),
      context(
        'Every gate measured now; nothing was changed. Gates of later steps are expected red until the steps before them ran.',
      ),
      ...steps
        .slice(0, 20)
        .flatMap(({ step, evidence }, i) => [
          section(
            `*${i + 1}. ${escapeText(step.title)}* · ${step.kind}${step.approval !== 'none' ? ` · ${step.approval} approval` : ''}${step.pointOfNoReturn ? ' · :warning: point of no return' : ''}\n${what(step)}`,
          ),
          ...evidenceBlocks(evidence, 1),
        ])
        .slice(0, 46),
    ],
  };
}

export function abortView(c: Cutover): View {
  return {
    text: `Cutover ${c.id} aborted`,
    blocks: [
      section(
        `:leftwards_arrow_with_hook: *Cutover ${escapeText(c.id)} aborted.* What was undone and what each team must do:`,
      ),
      section((c.abortNotes ?? []).map((n) => `• ${escapeText(n)}`).join('\n') || 'Nothing had run.'),
    ],
  };
}

export function startedView(c: Cutover): View {
  return {
    text: `Cutover ${c.id} started`,
    blocks: [
      section(
        `:rocket: Cutover *${escapeText(c.id)}* started by ${mention(c.requester)}: the checklist and every step are in its thread. Run \`/mm2 cutover next\`.`,
      ),
    ],
  };
}
