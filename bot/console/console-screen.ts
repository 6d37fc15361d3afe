import type { Writable } from 'node:stream';
import type { FileAttachment, View } from '../views/view';
import type { ChannelMessenger, MessageMark } from '../ports/channel-messenger';
import type { ChatSurface, MessageRef } from '../ports/chat-surface';
import { fitToSlack } from '../views/fit-to-slack';
import { renderText, type ConsoleButton } from './render-text';

/** The console's "channel": messages rendered as text, buttons remembered for numbered clicks. */
export class ConsoleScreen {
  private nextTs = 1;
  private buttons: ConsoleButton[] = [];
  /** Marks of the messages posted in this session (the console's history lives as long as the process). */
  private readonly marks = new Map<string, string>();

  constructor(
    private readonly output: Writable,
    private readonly redact: <T>(v: T) => T,
    private readonly saveAttachment: (file: FileAttachment) => Promise<string>,
  ) {}

  write(line: string): void {
    this.output.write(`${line}\n`);
  }

  button(index: number): ConsoleButton | undefined {
    return this.buttons[index - 1];
  }

  private show(label: string, view: View): void {
    const rendered = renderText(fitToSlack(view, this.redact));
    if (rendered.buttons.length > 0) this.buttons = rendered.buttons;
    this.write(`${label}\n${rendered.text.replace(/^/gm, '  ')}`);
  }

  private async attachFile(file: FileAttachment): Promise<void> {
    this.write(`[bot attached "${file.title}": ${await this.saveAttachment(file)}]`);
    if (file.comment) this.write(file.comment.replace(/^/gm, '  '));
  }

  private postView(view: View, threadTs?: string): string {
    const ts = String(this.nextTs++);
    this.show(threadTs ? `[bot #${ts} in thread #${threadTs}]` : `[bot #${ts}]`, view);
    return ts;
  }

  surfaceFor(user: string, channel: string): ChatSurface {
    return {
      post: async (view, mark): Promise<MessageRef> => {
        const ts = this.postView(view);
        // The same marks as the messenger's: a request message is found by the approval sweep.
        if (mark) this.marks.set(JSON.stringify(mark), ts);
        return { channel, ts };
      },
      answer: async (view) => void this.postView(view),
      update: async (ref, view) => this.show(`[bot #${ref.ts} updated]`, view),
      ephemeral: async (view) => this.show(`[bot, only to ${user}]`, view),
      attach: (file) => this.attachFile(file),
    };
  }

  messenger(): ChannelMessenger {
    return {
      post: async (_channel, view, threadTs, mark) => {
        const ts = this.postView(view, threadTs);
        if (mark) this.marks.set(JSON.stringify(mark), ts);
        return ts;
      },
      findMarked: async (_channel, mark: MessageMark) => this.marks.get(JSON.stringify(mark)),
      findInThread: async (_channel, _threadTs, mark: MessageMark) => this.marks.get(JSON.stringify(mark)),
      update: async (_channel, ts, view) => this.show(`[bot #${ts} updated]`, view),
      attach: (_channel, file) => this.attachFile(file),
    };
  }
}
