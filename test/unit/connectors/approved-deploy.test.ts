// Issue 15, defects 2 and 3: an approved deploy through the dispatcher, the run engine and the real
// deploy command, against the in-memory Connect.
import { createDeployCommand } from '../../../bot/commands/deploy';
import type { Profile } from '../../../bot/domain/profile/profile-schema';
import type { ChatSurface } from '../../../bot/ports/chat-surface';
import { approvalFixture } from '../../support/approval-fixture';
import { recordingSurface } from '../../support/recording-surface';
import { labProfile, testDeps } from './helpers';
import { InMemoryConnect } from './in-memory-connect';

function setUp(profile: () => Profile = labProfile) {
  const connect = new InMemoryConnect();
  const { approvals, dispatcher: over } = approvalFixture({ clock: { now: () => Date.now() } });
  const dispatcher = over([createDeployCommand(testDeps(connect, profile))]);
  const approve = (id: string, surface: ChatSurface) =>
    dispatcher.decide({ user: 'U2', channel: 'C1', approvalId: id, decision: 'approve' }, surface);
  return { connect, approvals, dispatcher, approve };
}

const puts = (connect: InMemoryConnect) => connect.calls.filter((c) => c.startsWith('putConfig'));

describe('an approval binds the configs its preview showed (defect 3)', () => {
  it('refuses when the rendered configs changed while the request waited, and offers a fresh request', async () => {
    let tasksMax = '1';
    const profile = () => {
      const p = labProfile();
      return {
        ...p,
        overrides: { ...p.overrides, source: { ...p.overrides.source, 'tasks.max': tasksMax } },
      };
    };
    const { connect, approvals, dispatcher, approve } = setUp(profile);
    const { surface, posts, updates } = recordingSurface();
    await dispatcher.handle({ user: 'U1', channel: 'C1', text: 'deploy all' }, surface);
    const [asked] = await approvals.pending();
    expect(asked?.digest).toMatch(/^sha256:[0-9a-f]{64}$/);

    tasksMax = '7'; // the profile source refreshed while the request waited
    await approve(asked!.id, surface);

    expect(puts(connect)).toEqual([]);
    expect((await approvals.get(asked!.id))?.status).toBe('failed');
    expect(JSON.stringify(updates.at(-1)!.view)).toContain('changed after this request was made');
    const [fresh] = await approvals.pending();
    expect(fresh).toBeDefined();
    expect(fresh!.id).not.toBe(asked!.id);
    expect(fresh!.requester).toBe('U1');
    expect(fresh!.digest).not.toBe(asked!.digest);
    expect(posts.at(-1)!.text).toContain('Approval needed');

    await approve(fresh!.id, surface);
    expect(puts(connect)).toEqual([
      'putConfig mm2-source',
      'putConfig mm2-checkpoint',
      'putConfig mm2-heartbeat',
    ]);
    expect((await approvals.get(fresh!.id))?.status).toBe('done');
  });

  it('an unchanged profile runs as approved', async () => {
    const { connect, approvals, dispatcher, approve } = setUp();
    const { surface } = recordingSurface();
    await dispatcher.handle({ user: 'U1', channel: 'C1', text: 'deploy all' }, surface);
    const [asked] = await approvals.pending();
    await approve(asked!.id, surface);
    expect(puts(connect)).toHaveLength(3);
    expect((await approvals.get(asked!.id))?.status).toBe('done');
  });
});

describe('progress is best-effort in an approved deploy (defect 2)', () => {
  it('with every chat.update failing, all connectors are applied and the outcome is posted anew', async () => {
    const { connect, approvals, dispatcher, approve } = setUp();
    const asking = recordingSurface();
    await dispatcher.handle({ user: 'U1', channel: 'C1', text: 'deploy all' }, asking.surface);
    const [asked] = await approvals.pending();

    const { surface, posts } = recordingSurface({ updateFails: true });
    await approve(asked!.id, surface);

    expect(puts(connect)).toEqual([
      'putConfig mm2-source',
      'putConfig mm2-checkpoint',
      'putConfig mm2-heartbeat',
    ]);
    const stored = await approvals.get(asked!.id);
    expect(stored?.status).toBe('done');
    const outcome = JSON.stringify(posts.at(-1));
    expect(outcome).toContain('done');
    for (const name of ['mm2-source', 'mm2-checkpoint', 'mm2-heartbeat']) expect(outcome).toContain(name);
  });
});
