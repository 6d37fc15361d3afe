import { CutoverStore } from '../../../bot/usecases/cutover/cutover-store';
import { Cutovers } from '../../../bot/usecases/cutover/cutovers';
import { parseRunbook } from '../../../bot/domain/runbook/parse-runbook';
import { FakeClock } from '../../support/fake-clock';
import { MemoryStateStore } from '../../support/memory-state-store';

const runbook = (name: string, fenceSeconds: number) =>
  parseRunbook(
    `
name: ${name}
settings: { fenceSeconds: ${fenceSeconds} }
applications:
  - { name: app, kind: consumer, groups: [g], run: { ecs: { cluster: c, service: app, container: app } } }
steps:
  - { id: preflight, title: Preflight, kind: check, gates: [connectors-running] }
`,
    `${name}.yml`,
  );

test('the dry run measures with the settings of the runbook it was asked for, not the default one', async () => {
  const seen: Array<{ runbook: string; fenceSeconds: number }> = [];
  const raw = new MemoryStateStore();
  const cutovers = new Cutovers({
    store: new CutoverStore(raw),
    clock: new FakeClock(),
    runbooks: new Map([
      ['default', runbook('default', 10)],
      ['quick', runbook('quick', 2)],
    ]),
    profile: 'lab',
    bootstrap: { source: 's:1', target: 't:1' },
    intervals: { emitCheckpointsSeconds: 5, syncGroupOffsetsSeconds: 5 },
    evaluate: async (_step, r) => {
      seen.push({ runbook: r.name, fenceSeconds: r.settings.fenceSeconds });
      return [];
    },
  });
  await cutovers.dryRun({ runbook: 'quick' });
  expect(seen).toEqual([{ runbook: 'quick', fenceSeconds: 2 }]);
  // Nothing was stored: a dry run leaves no cutover behind.
  expect(await cutovers.active()).toBeUndefined();
});
