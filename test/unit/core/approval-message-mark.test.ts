// Issue 15 (post, then record the post): an approval request's message is posted with a mark; if
// the bot dies before recording its ts, the sweep finds the message by the mark and edits it.
import type { ChannelMessenger, MessageMark } from '../../../bot/ports/channel-messenger';
import type { ChatSurface } from '../../../bot/ports/chat-surface';
import type { View } from '../../../bot/views/view';
import { startApprovalExpiry } from '../../../bot/wiring/approval-expiry';
import { approvalFixture, selfApprovedPause, quietLog } from '../../support/approval-fixture';

/** One channel's messages, reachable as a command's surface and as the bot's messenger. */
function channel() {
  const messages: Array<{ ts: string; view: View; mark?: MessageMark }> = [];
  const edits: Array<{ ts: string; view: View }> = [];
  const post = (view: View, mark?: MessageMark) => {
    const ts = `${messages.length + 1}.0`;
    messages.push({ ts, view, ...(mark ? { mark } : {}) });
    return ts;
  };
  const surface: ChatSurface = {
    post: async (view, mark) => ({ channel: 'C1', ts: post(view, mark) }),
    answer: async (view) => void post(view),
    update: async (ref, view) => void edits.push({ ts: ref.ts, view }),
    ephemeral: async () => undefined,
    attach: async () => undefined,
  };
  const messenger: ChannelMessenger = {
    post: async (_c, view, _t, mark) => post(view, mark),
    update: async (_c, ts, view) => void edits.push({ ts, view }),
    attach: async () => undefined,
    findInThread: async () => undefined,
    findMarked: async (_c, mark) => messages.find((m) => JSON.stringify(m.mark) === JSON.stringify(mark))?.ts,
  };
  return { surface, messenger, messages, edits };
}

test('a request whose message ts was never recorded still gets its message edited when it expires', async () => {
  jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate'] });
  const fixture = approvalFixture({ ttlMs: 60_000 });
  const { clock, approvals, engine: runs } = fixture;
  // The bot dies between posting the request's message and recording it.
  approvals.attachMessage = async () => {
    throw new Error('process killed');
  };
  const dispatcher = fixture.dispatcher([selfApprovedPause]);
  const { surface, messenger, messages, edits } = channel();
  await dispatcher.handle({ user: 'U1', channel: 'C1', text: 'pause' }, surface);
  const [request] = await approvals.pending();
  expect(request?.message).toBeUndefined();
  const requestMessage = messages.find((m) => m.view.text.startsWith('Approval needed'));
  expect(requestMessage).toBeDefined();

  const expiry = startApprovalExpiry({ runs, messenger, log: quietLog, intervalMs: 1000 });
  clock.advance(61_000);
  await jest.advanceTimersByTimeAsync(1000);
  await expiry.stop();
  jest.useRealTimers();

  expect(edits.map((e) => e.ts)).toEqual([requestMessage!.ts]);
  expect(edits[0]!.view.text).toMatch(/expired/i);
});
