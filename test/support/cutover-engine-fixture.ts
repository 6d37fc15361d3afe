import { parseRunbook } from '../../bot/domain/runbook/parse-runbook';
import type { CutoverStore } from '../../bot/usecases/cutover/cutover-store';
import { Cutovers } from '../../bot/usecases/cutover/cutovers';
import { CutoverEngine, type EngineDeps } from '../../bot/usecases/cutover/engine';
import type { FakeClock } from './fake-clock';

const BOOTSTRAP = { source: 's:1', target: 't:1' };

/**
 * The cutover engine and use case of unit tests over one runbook (`default`): what the test varies
 * (the world's executor, the gates, the approvals) is given; the rest is fixed: no source offsets,
 * sleeping moves the fake clock, a step acting silent for a minute is stale.
 */
export function cutoverEngineFixture(
  deps: Pick<EngineDeps, 'executor' | 'evaluate' | 'approvals'> & {
    store: CutoverStore;
    clock: FakeClock;
    runbook: string;
  },
): { engine: CutoverEngine; cutovers: Cutovers } {
  const { store, clock } = deps;
  const engine = new CutoverEngine({
    store,
    clock,
    executor: deps.executor,
    evaluate: deps.evaluate,
    approvals: deps.approvals,
    sourceEnds: async () => ({ at: clock.now(), offsets: [] }),
    bootstrap: BOOTSTRAP,
    sleep: async (ms) => clock.advance(ms),
    staleMs: 60_000,
    beatMs: 3_600_000,
    pollMs: 1000,
  });
  const cutovers = new Cutovers({
    store,
    clock,
    runbooks: new Map([['default', parseRunbook(deps.runbook, 'default.yml')]]),
    profile: 'lab',
    bootstrap: BOOTSTRAP,
    intervals: { emitCheckpointsSeconds: 5, syncGroupOffsetsSeconds: 5 },
    evaluate: async () => [],
  });
  return { engine, cutovers };
}
