// Drives one cutover through Slack as people would: commands in the channel, buttons in its thread.
import type { OpsHarness } from '../ops/ops-harness';
import { APPROVE, CHANNEL, textOf, USERS } from '../ops/ops-harness';
import type { StoredMessage } from '../../slack-standin/types';

const hasButtons = (m: StoredMessage) => m.blocks?.some((b) => b.type === 'actions') ?? false;
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export class CutoverThread {
  /** Thread messages already consumed by a wait: each wait looks only at what came after. */
  private seen = 0;

  private constructor(
    private readonly harness: OpsHarness,
    readonly id: string,
    readonly root: StoredMessage,
  ) {}

  /** `/mm2 cutover start` by the operator; resolves once the thread's root (the checklist) is posted. */
  static async start(harness: OpsHarness, options = '--runbook lab'): Promise<CutoverThread> {
    const reply = await harness.command(`cutover start ${options}`, USERS.operator, 30000, (m) =>
      /Cutover \S+ started|error|:x:/i.test(m.text),
    );
    const id = /Cutover (\S+) started/.exec(reply.text)?.[1];
    if (!id) throw new Error(`the cutover did not start: ${textOf(reply)}`);
    const root = await harness.standIn.waitFor(
      () =>
        harness.standIn
          .messagesIn(CHANNEL)
          .find((m) => m.threadTs === undefined && m.text.startsWith(`Cutover ${id} (`)),
      10000,
      'the checklist',
    );
    return new CutoverThread(harness, id, root);
  }

  messages(): StoredMessage[] {
    return this.harness.standIn.messagesIn(CHANNEL, { threadTs: this.root.ts });
  }

  /** The next thread message (after the last one waited for) matching `match`. */
  async next(match: (m: StoredMessage) => boolean, timeoutMs: number, what: string): Promise<StoredMessage> {
    const from = this.seen;
    const found = await this.harness.standIn
      .waitFor(
        () => {
          const all = this.messages();
          const i = all.findIndex((m, index) => index >= from && match(m));
          return i >= 0 ? { m: all[i]!, i } : undefined;
        },
        timeoutMs,
        what,
      )
      .catch((error: Error) => {
        const tail = this.messages()
          .slice(-4)
          .map((m) => textOf(m).slice(0, 700));
        throw new Error(`${error.message}; last thread messages: ${tail.join('\n---\n')}`);
      });
    this.seen = found.i + 1;
    return found.m;
  }

  /** The approval request (with buttons) of the step titled `title`. */
  approval(title: string, timeoutMs = 120000): Promise<StoredMessage> {
    return this.next(
      (m) => hasButtons(m) && textOf(m).includes(title),
      timeoutMs,
      `the approval request of "${title}"`,
    );
  }

  /** A step's outcome posted in the thread: `Done: <title>` or `Blocked: <title>`. */
  outcome(kind: 'Done' | 'Blocked', title: string, timeoutMs = 120000): Promise<StoredMessage> {
    const head = new RegExp(`^(Done|Blocked): ${escapeRe(title)}`);
    return this.next((m) => head.test(m.text), timeoutMs, `${kind}: ${title}`).then((m) => {
      if (!m.text.startsWith(kind)) throw new Error(`expected ${kind}, got: ${textOf(m).slice(0, 1500)}`);
      return m;
    });
  }

  click(message: StoredMessage, user: string): ReturnType<OpsHarness['standIn']['clickButton']> {
    return this.harness.standIn.clickButton({
      message: { channel: CHANNEL, ts: message.ts },
      action_id: APPROVE,
      user_id: user,
    });
  }

  /** `/mm2 cutover next` by the operator (its outcomes arrive in the thread). */
  async advance(): Promise<void> {
    await this.harness.command('cutover next', USERS.operator, 300000, (m) =>
      /^(Waiting for approval|Blocked|Done|Running|Cutover)/.test(m.text),
    );
  }
}
