// Payloads shaped like the ones Slack puts inside Socket Mode envelopes (slash_commands, interactive with
// block_actions, events_api with event_callback). Bolt routes on these fields, so they follow Slack's.

import type { Block, StoredMessage } from './types';
import { userName, type Workspace } from './workspace';

export interface SlashCommandInput {
  command?: string;
  text?: string;
  user_id?: string;
  channel_id?: string;
  channel_name?: string;
  user_name?: string;
}

export function slashCommandPayload(
  ws: Workspace,
  input: SlashCommandInput,
  responseUrl: string,
  triggerId: string,
): Record<string, unknown> {
  const userId = input.user_id ?? 'U0USER';
  return {
    token: 'standin-verification-token',
    team_id: ws.teamId,
    team_domain: ws.teamDomain,
    channel_id: input.channel_id ?? 'C0CHANNEL',
    channel_name: input.channel_name ?? 'mm2-migration',
    user_id: userId,
    user_name: input.user_name ?? userName(ws, userId),
    command: input.command ?? '/mm2',
    text: input.text ?? '',
    api_app_id: ws.appId,
    is_enterprise_install: 'false',
    response_url: responseUrl,
    trigger_id: triggerId,
  };
}

export interface FoundButton {
  blockId: string;
  element: Record<string, unknown>;
}

/** The interactive element with this action_id in the message's current blocks, as a user would click it. */
export function findElement(blocks: Block[], actionId: string, blockId?: string): FoundButton | undefined {
  for (const block of blocks) {
    if (blockId !== undefined && block.block_id !== blockId) continue;
    const candidates: unknown[] = [];
    if (Array.isArray(block.elements)) candidates.push(...(block.elements as unknown[]));
    if (block.accessory !== undefined) candidates.push(block.accessory);
    for (const el of candidates) {
      if (typeof el === 'object' && el !== null && (el as Record<string, unknown>).action_id === actionId) {
        return { blockId: String(block.block_id ?? ''), element: el as Record<string, unknown> };
      }
    }
  }
  return undefined;
}

export function blockActionsPayload(
  ws: Workspace,
  args: {
    userId: string;
    message: StoredMessage;
    found: FoundButton;
    value?: string;
    responseUrl: string;
    triggerId: string;
    actionTs: string;
  },
): Record<string, unknown> {
  const { message, found } = args;
  const el = found.element;
  const action: Record<string, unknown> = {
    action_id: el.action_id,
    block_id: found.blockId,
    text: el.text,
    type: el.type ?? 'button',
    action_ts: args.actionTs,
  };
  const value = args.value ?? el.value;
  if (value !== undefined) action.value = value;
  if (el.style !== undefined) action.style = el.style;
  const payload: Record<string, unknown> = {
    type: 'block_actions',
    user: {
      id: args.userId,
      username: userName(ws, args.userId),
      name: userName(ws, args.userId),
      team_id: ws.teamId,
    },
    api_app_id: ws.appId,
    token: 'standin-verification-token',
    container: {
      type: 'message',
      message_ts: message.ts,
      channel_id: message.channel,
      is_ephemeral: message.ephemeral,
    },
    trigger_id: args.triggerId,
    team: { id: ws.teamId, domain: ws.teamDomain },
    enterprise: null,
    is_enterprise_install: false,
    channel: { id: message.channel, name: 'mm2-migration' },
    state: { values: {} },
    response_url: args.responseUrl,
    actions: [action],
  };
  if (!message.ephemeral) {
    payload.message = {
      type: 'message',
      user: ws.botUserId,
      bot_id: ws.botId,
      app_id: ws.appId,
      team: ws.teamId,
      ts: message.ts,
      text: message.text,
      blocks: message.blocks,
      ...(message.threadTs !== undefined ? { thread_ts: message.threadTs } : {}),
    };
  }
  return payload;
}

export function eventCallbackPayload(
  ws: Workspace,
  event: Record<string, unknown>,
  eventId: string,
): Record<string, unknown> {
  const now = Math.floor(Date.now() / 1000);
  return {
    token: 'standin-verification-token',
    team_id: ws.teamId,
    api_app_id: ws.appId,
    event: { event_ts: `${now}.000100`, ...event },
    type: 'event_callback',
    event_id: eventId,
    event_time: now,
    authorizations: [
      {
        enterprise_id: null,
        team_id: ws.teamId,
        user_id: ws.botUserId,
        is_bot: true,
        is_enterprise_install: false,
      },
    ],
    is_ext_shared_channel: false,
    event_context: `4-${eventId}`,
  };
}
