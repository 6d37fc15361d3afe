// Issue 15 (chaos: bot SIGKILL while a request waits for approval): the `requested` audit record was
// written while the request's message went out, so a bot killed right after the channel saw the request
// lost the record. It is stored before the message is shown.
import { approvalFixture, selfApprovedPause } from '../../support/approval-fixture';
import { recordingSurface } from '../../support/recording-surface';

test("an approval request's 'requested' audit record is stored before its message is shown", async () => {
  const fixture = approvalFixture();
  const { surface, posts } = recordingSurface();
  // What the trail held at the moment the request's message went out.
  let recordedWhenShown: string[] | undefined;
  const post = surface.post.bind(surface);
  surface.post = async (view, mark) => {
    if (view.text.startsWith('Approval needed')) recordedWhenShown = fixture.audit.map((r) => r.outcome);
    return post(view, mark);
  };
  await fixture.dispatcher([selfApprovedPause]).handle({ user: 'U1', channel: 'C1', text: 'pause' }, surface);
  expect(posts.some((v) => v.text.startsWith('Approval needed'))).toBe(true);
  expect(recordedWhenShown).toEqual(['requested']);
  expect(fixture.audit.filter((r) => r.outcome === 'requested')).toHaveLength(1);
});
