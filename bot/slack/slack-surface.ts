import type { RespondFn } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { FileAttachment, View } from '../views/view';
import { AppError } from '../domain/errors';
import type { MessageMark } from '../ports/channel-messenger';
import type { ChatSurface, MessageRef } from '../ports/chat-surface';
import { fitToSlack } from '../views/fit-to-slack';
import { uploadFile } from './file-upload';
import type { PendingAck } from './pending-ack';

export interface SlackTarget {
  client: WebClient;
  channel: string;
  user: string;
  respond?: RespondFn;
  threadTs?: string;
  /** A slash command's held-back ack, which can carry a final answer. */
  ack?: PendingAck;
  /** Message metadata on posts (lets the bot find its own post again after a crash). */
  metadata?: { event_type: string; event_payload: Record<string, string | number> };
}

/** The setting of each Web API call's budget (see createSlackApp), named when a call runs out of it. */
const TIMEOUT_SETTING = 'MM2_SLACK_TIMEOUT_SECONDS';

async function slackCall<T>(what: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    const original = (error as { original?: { code?: string; message?: string } }).original;
    if (original?.code === 'ECONNABORTED' || /timeout/i.test(original?.message ?? ''))
      throw new AppError(
        'TIMEOUT',
        `Slack did not answer ${what} in time (${TIMEOUT_SETTING})`,
        `Slack may be slow or unreachable; raise ${TIMEOUT_SETTING} if it is just slow.`,
        { cause: error },
      );
    const code = (error as { data?: { error?: string } }).data?.error ?? (error as Error).message;
    throw new AppError('SLACK_ERROR', `Slack refused ${what}: ${code}`, undefined, { cause: error });
  }
}

/**
 * Chat surface bound to one channel and user, through the bot's WebClient and the response_url. Final
 * answers and ephemerals ride on the command's ack while it is still held; anything else releases it first.
 */
export function slackSurface(target: SlackTarget, redact: <T>(value: T) => T): ChatSurface {
  const fit = (view: View) => fitToSlack(view, redact);
  const inAck = (response_type: 'in_channel' | 'ephemeral', view: View) =>
    target.ack
      ? slackCall('the acknowledgement', () => target.ack!.answer({ response_type, ...view }))
      : Promise.resolve(false);
  const releaseAck = () => target.ack?.settle();
  const postFitted = async ({ text, blocks }: View, mark?: MessageMark): Promise<MessageRef> => {
    await releaseAck();
    const metadata = mark ? { event_type: mark.type, event_payload: mark.fields } : target.metadata;
    const res = await slackCall('chat.postMessage', () =>
      target.client.chat.postMessage({
        channel: target.channel,
        text,
        blocks,
        thread_ts: target.threadTs,
        ...(metadata ? { metadata } : {}),
      }),
    );
    return { channel: res.channel ?? target.channel, ts: res.ts ?? '' };
  };
  return {
    post: (view, mark) => postFitted(fit(view), mark),
    async answer(view) {
      const fitted = fit(view);
      if (!(await inAck('in_channel', fitted))) await postFitted(fitted);
    },
    async update(ref: MessageRef, view) {
      await releaseAck();
      const { text, blocks } = fit(view);
      await slackCall('chat.update', () =>
        target.client.chat.update({ channel: ref.channel, ts: ref.ts, text, blocks }),
      );
    },
    async ephemeral(view) {
      const { text, blocks } = fit(view);
      if (await inAck('ephemeral', { text, blocks })) return;
      if (target.respond)
        await slackCall('the response_url reply', () =>
          target.respond!({ response_type: 'ephemeral', replace_original: false, text, blocks }),
        );
      else
        await slackCall('chat.postEphemeral', () =>
          target.client.chat.postEphemeral({ channel: target.channel, user: target.user, text, blocks }),
        );
    },
    async attach(file: FileAttachment) {
      await releaseAck();
      // Text is redacted like every message; binary content (a PNG) goes up byte for byte.
      await uploadFile(
        target.client,
        {
          channel: target.channel,
          ...(target.threadTs ? { threadTs: target.threadTs } : {}),
          filename: file.filename,
          title: file.title,
          bytes: typeof file.content === 'string' ? Buffer.from(redact(file.content), 'utf8') : file.content,
          ...(file.altText ? { altText: redact(file.altText) } : {}),
          ...(file.comment ? { comment: redact(file.comment) } : {}),
        },
        slackCall,
      );
    },
  };
}
