import type { CommandSpec } from '../../../bot/commands/command';
import { approvalFixture } from '../../support/approval-fixture';
import { recordingSurface } from '../../support/recording-surface';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

test('an approved command runs through the run engine: it beats while it runs, stops after, ends done in its message', async () => {
  const fixture = approvalFixture({ clock: { now: () => Date.now() }, engine: { heartbeatMs: 40 } });
  const { approvals } = fixture;
  const beats: string[] = [];
  const beat = approvals.heartbeat.bind(approvals);
  approvals.heartbeat = async (id) => {
    beats.push(id);
    return beat(id);
  };
  const deploy: CommandSpec<null> = {
    verb: 'deploy',
    role: 'operator',
    usage: '/mm2 deploy',
    summary: 'deploy',
    approval: 'peer',
    parse: () => ({ ok: true, args: null }),
    run: async () => {
      await sleep(400);
      return { text: 'deployed', blocks: [] };
    },
  };
  const dispatcher = fixture.dispatcher([deploy]);
  const { surface, shown } = recordingSurface();
  await dispatcher.handle({ user: 'U1', channel: 'C1', text: 'deploy' }, surface);
  const [pending] = await approvals.pending();
  expect(pending?.message).toEqual({ channel: 'C1', ts: '1.0' });

  await dispatcher.decide(
    { user: 'U2', channel: 'C1', approvalId: pending!.id, decision: 'approve' },
    surface,
  );
  const during = beats.length;
  expect(during).toBeGreaterThanOrEqual(3);
  expect(beats.every((id) => id === pending!.id)).toBe(true);
  expect(shown.at(-1)!.text).toContain('done');
  expect((await approvals.get(pending!.id))?.status).toBe('done');
  await sleep(150);
  expect(beats).toHaveLength(during);
});
