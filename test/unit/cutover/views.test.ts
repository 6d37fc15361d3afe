import { checklistView } from '../../../bot/views/cutover/checklist-view';
import { cutoverReport } from '../../../bot/views/cutover/report';
import { outcomeView } from '../../../bot/views/cutover/step-views';
import type { Cutover, StepState } from '../../../bot/usecases/cutover/cutover-types';

const step = (over: Partial<StepState>): StepState => ({
  key: 'k',
  title: 'Step',
  kind: 'check',
  gates: [],
  verify: [],
  approval: 'none',
  timeoutSeconds: 60,
  rollback: 'none',
  pointOfNoReturn: false,
  status: 'pending',
  memo: {},
  ...over,
});
const cutover: Cutover = {
  id: 'c1',
  profile: 'lab',
  runbook: 'default',
  requester: 'U0OP',
  channel: 'C1',
  createdAt: '2026-12-02T06:00:00.000Z',
  updatedAt: '2026-12-02T06:10:00.000Z',
  status: 'active',
  steps: [
    step({ key: 'a', title: 'Preflight', status: 'done', note: 'ok' }),
    step({
      key: 'b',
      title: 'Start billing on MSK',
      kind: 'ecs',
      approval: 'peer',
      status: 'awaiting-approval',
      reReadEstimate: 7,
    }),
    step({ key: 'c', title: 'Start producers on MSK', kind: 'ecs', approval: 'peer', pointOfNoReturn: true }),
  ],
  history: [{ at: '2026-12-02T06:00:00.000Z', text: 'started by U0OP' }],
};

describe('cutover views', () => {
  it('the checklist marks each step, the current one, approvals, estimates and the point of no return', () => {
    const text = JSON.stringify(checklistView(cutover).blocks);
    expect(checklistView(cutover).text).toBe('Cutover c1 (lab): 1/3 steps done');
    expect(text).toContain(':white_check_mark: Preflight');
    expect(text).toContain(
      ':raised_hand: *Start billing on MSK* · ECS · peer approval (re-read estimate ≈7)',
    );
    expect(text).toContain('Start producers on MSK · ECS · peer approval · :warning: point of no return');
  });

  it('a blocked step shows each gate with its numbers and evidence, escaped', () => {
    const view = outcomeView({
      kind: 'blocked',
      step: cutover.steps[1]!,
      reason: 'a gate is red',
      evidence: [
        {
          gate: 'group-empty-source',
          status: 'fail',
          summary: 'billing: Stable, 1 member(s) still connected',
          details: ['billing-app on <host> (m-1)'],
          numbers: { members: 1 },
          at: 0,
        },
      ],
    });
    const text = JSON.stringify(view.blocks);
    expect(text).toContain(':red_circle: *group-empty-source*: billing: Stable, 1 member(s) still connected');
    expect(text).toContain('billing-app on &lt;host&gt; (m-1)');
  });

  it('the report has the steps table, the evidence and the JSON state', () => {
    const { markdown, json } = cutoverReport(cutover);
    expect(markdown.content).toContain('| 3 | Start producers on MSK (point of no return) | ecs | pending |');
    expect(JSON.parse(json.content as string).id).toBe('c1');
  });
});
