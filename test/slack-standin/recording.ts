import { textsOf, type MessageContent } from './message-content';
import type {
  ApiCallRecord,
  EnvelopeRecord,
  MessageSource,
  ResponseUrlPost,
  StoredFile,
  StoredMessage,
} from './types';

type Waiter = () => void;

/** Everything the stand-in saw, for assertions. Every mutation wakes the waiters of `waitFor`. */
export class Recording {
  readonly calls: ApiCallRecord[] = [];
  readonly messages: StoredMessage[] = [];
  readonly responseUrlPosts: ResponseUrlPost[] = [];
  readonly files = new Map<string, StoredFile>();
  readonly envelopes: EnvelopeRecord[] = [];
  private readonly waiters = new Set<Waiter>();

  changed(): void {
    for (const w of [...this.waiters]) w();
  }

  onChange(w: Waiter): () => void {
    this.waiters.add(w);
    return () => this.waiters.delete(w);
  }

  addCall(call: ApiCallRecord): void {
    this.calls.push(call);
    this.changed();
  }

  addMessage(
    init: Omit<StoredMessage, 'history' | 'deleted' | 'files' | 'postedVia' | 'text' | 'blocks'> & {
      content: MessageContent;
      via: MessageSource;
      files?: StoredFile[];
    },
  ): StoredMessage {
    const { content, via, files, ...rest } = init;
    const msg: StoredMessage = {
      ...rest,
      text: content.text,
      blocks: content.blocks,
      files: files ?? [],
      deleted: false,
      postedVia: via,
      history: [{ text: content.text, blocks: content.blocks, via, at: Date.now() }],
    };
    this.messages.push(msg);
    this.changed();
    return msg;
  }

  updateMessage(msg: StoredMessage, content: MessageContent, via: MessageSource): void {
    msg.text = content.text;
    msg.blocks = content.blocks;
    msg.history.push({ text: content.text, blocks: content.blocks, via, at: Date.now() });
    this.changed();
  }

  deleteMessage(msg: StoredMessage): void {
    msg.deleted = true;
    this.changed();
  }

  findMessage(channel: string, ts: string): StoredMessage | undefined {
    return this.messages.find((m) => m.channel === channel && m.ts === ts);
  }

  addResponseUrlPost(post: ResponseUrlPost): void {
    this.responseUrlPosts.push(post);
    this.changed();
  }

  addEnvelope(e: EnvelopeRecord): void {
    this.envelopes.push(e);
    this.changed();
  }

  /** Every string a human could read in anything the app posted (messages, every version, ephemerals). */
  postedTexts(): string[] {
    return this.messages.flatMap((m) => m.history.flatMap((v) => textsOf(v)));
  }

  clear(): void {
    this.calls.length = 0;
    this.messages.length = 0;
    this.responseUrlPosts.length = 0;
    this.files.clear();
    this.envelopes.length = 0;
    this.changed();
  }
}

/**
 * Resolves with the first truthy value of `probe`, checked now, on every recorded change and every 25 ms
 * (for probes that depend on time or on state outside the recording); rejects after `timeoutMs`.
 */
export function waitUntil<T>(
  recording: Recording,
  probe: () => T | undefined | null | false,
  timeoutMs: number,
  what: string,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let done = false;
    const finish = (fn: () => void): void => {
      if (done) return;
      done = true;
      unsubscribe();
      clearInterval(poll);
      clearTimeout(timer);
      fn();
    };
    const check = (): void => {
      let value: T | undefined | null | false;
      try {
        value = probe();
      } catch (err) {
        finish(() => reject(err));
        return;
      }
      if (value !== undefined && value !== null && value !== false) {
        const v = value;
        finish(() => resolve(v));
      }
    };
    const unsubscribe = recording.onChange(check);
    const poll = setInterval(check, 25);
    const timer = setTimeout(
      () => finish(() => reject(new Error(`stand-in: timed out after ${timeoutMs} ms waiting for ${what}`))),
      timeoutMs,
    );
    check();
  });
}
