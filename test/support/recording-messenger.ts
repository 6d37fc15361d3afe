import type { ChannelMessenger, MessageMark } from '../../bot/ports/channel-messenger';
import type { FileAttachment, View } from '../../bot/views/view';

/** What the channel saw: a top-level post (`root`), a reply in a thread, an edit or a file. */
export interface Posted {
  op: 'root' | 'thread' | 'update' | 'file';
  channel: string;
  /** The new message's ts for a root; the thread's for a reply; the edited message's for an update. */
  ts: string;
  /** A reply's own ts. */
  replyTs?: string;
  text: string;
  mark?: MessageMark;
}

const sameMark = (a: MessageMark | undefined, b: MessageMark): boolean =>
  a?.type === b.type && JSON.stringify(a.fields) === JSON.stringify(b.fields);

/** An in-memory channel that keeps every post with its mark, as Slack keeps message metadata. */
export function recordingMessenger(): { posted: Posted[]; messenger: ChannelMessenger } {
  const posted: Posted[] = [];
  let n = 0;
  const messenger: ChannelMessenger = {
    post: async (channel: string, view: View, threadTs?: string, mark?: MessageMark) => {
      if (threadTs) {
        const replyTs = `${threadTs}.reply-${posted.length + 1}`;
        posted.push({ op: 'thread', channel, ts: threadTs, replyTs, text: view.text, mark });
        return replyTs;
      }
      const ts = `ts-${++n}`;
      posted.push({ op: 'root', channel, ts, text: view.text, mark });
      return ts;
    },
    update: async (channel: string, ts: string, view: View) =>
      void posted.push({ op: 'update', channel, ts, text: view.text }),
    attach: async (channel: string, file: FileAttachment, threadTs?: string) =>
      void posted.push({ op: 'file', channel, ts: threadTs ?? '', text: `file:${file.filename}` }),
    findMarked: async (channel: string, mark: MessageMark) =>
      posted.find((p) => p.op === 'root' && p.channel === channel && sameMark(p.mark, mark))?.ts,
    findInThread: async (channel: string, threadTs: string, mark: MessageMark) =>
      posted.find(
        (p) => p.op === 'thread' && p.channel === channel && p.ts === threadTs && sameMark(p.mark, mark),
      )?.replyTs,
  };
  return { posted, messenger };
}
