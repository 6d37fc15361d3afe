import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseRunbook } from '../../../bot/domain/runbook/parse-runbook';
import { planSteps } from '../../../bot/usecases/cutover/plan';

const defaultText = readFileSync(join(__dirname, '../../../connectors/runbooks/default.yml'), 'utf8');
const plan = (text = defaultText, batch?: string[]) =>
  planSteps({
    runbook: parseRunbook(text, 'default.yml'),
    ...(batch ? { batch } : {}),
    bootstrap: { source: 's:1', target: 't:1' },
    intervals: { emitCheckpointsSeconds: 5, syncGroupOffsetsSeconds: 7 },
  });

describe('runbooks', () => {
  it('the default runbook follows the consensus order, producers being the point of no return', () => {
    const steps = plan();
    expect(steps.map((s) => s.key)).toEqual([
      'preflight',
      'stop-consumers.ledger-consumer',
      'check-group.ledger-consumer',
      'start-consumers.ledger-consumer',
      'stop-producers.ledger-producer',
      'producers-drained',
      'start-producers.ledger-producer',
      'rollback-window',
      'stop-mm2',
    ]);
    expect(steps.filter((s) => s.pointOfNoReturn).map((s) => s.key)).toEqual([
      'start-producers.ledger-producer',
    ]);
    expect(steps.find((s) => s.key === 'check-group.ledger-consumer')?.waitSeconds).toBe(12);
    expect(steps.find((s) => s.key === 'start-consumers.ledger-consumer')?.approval).toBe('peer');
    expect(steps.find((s) => s.key === 'producers-drained')?.topics).toEqual(['ledger']);
  });

  it('repeats the consumer steps per application of the batch, and refuses an unknown one', () => {
    const text = defaultText.replace(
      '  - name: ledger-producer',
      "  - name: b2\n    kind: consumer\n    groups: [g2]\n    run: { manual: { team: payments, stop: 'Stop b2', start: 'Start b2' } }\n  - name: ledger-producer",
    );
    const keys = plan(text, ['b2', 'ledger-consumer']).map((s) => s.key);
    expect(keys.slice(1, 7)).toEqual([
      'stop-consumers.b2',
      'check-group.b2',
      'start-consumers.b2',
      'stop-consumers.ledger-consumer',
      'check-group.ledger-consumer',
      'start-consumers.ledger-consumer',
    ]);
    // An application not on ECS is moved by its team: a manual step, confirmed in Slack.
    const manual = plan(text, ['b2']).find((s) => s.key === 'start-consumers.b2');
    expect(manual?.kind).toBe('manual');
    expect(manual?.manual?.instruction).toBe('Start b2 (bootstrap servers: t:1)');
    expect(() => plan(text, ['nope'])).toThrow(/nope is not a consumer application/);
  });

  it('names the field of every problem', () => {
    const bad = defaultText
      .replace('gates: [lag-zero]', 'gates: [lag-zer0]')
      .replace('approval: peer\n    pointOfNoReturn', 'approval: boss\n    pointOfNoReturn');
    expect(() => parseRunbook(bad, 'bad.yml')).toThrow(
      /runbook bad\.yml: steps\.6\.gates\.0: .*\n.*runbook bad\.yml: steps\.6\.approval/,
    );
    expect(() => parseRunbook('name: x\napplications: []\nsteps: []', 'x.yml')).toThrow(
      /applications: .*\n.*steps: /,
    );
  });

  it('has no consumingSeconds setting (it was never used): a runbook naming it is refused, naming it', () => {
    const text = defaultText.replace(
      '  rollbackWindowSeconds: 60\n',
      '  rollbackWindowSeconds: 60\n  consumingSeconds: 120\n',
    );
    expect(text).toContain('consumingSeconds');
    expect(() => parseRunbook(text, 'old.yml')).toThrow(/runbook old\.yml: settings: .*consumingSeconds/);
    expect(parseRunbook(defaultText, 'default.yml').settings).toEqual({
      lagHoldSeconds: 10,
      fenceSeconds: 10,
      rollbackWindowSeconds: 60,
    });
  });
});
