import type { View } from '../view';
import type { AppError } from '../../domain/errors';
import type { Role } from '../../domain/roles';
import { context, section } from '../blocks';
import { code, escapeText } from '../mrkdwn';

const plain = (text: string, extra: string[] = []): View => ({
  text,
  blocks: [section(text), ...extra.map((e) => context(e))],
});

export const usageView = (problem: string, usage: string): View =>
  plain(`${escapeText(problem)}\nUsage: ${code(usage)}`);

export const unknownVerbView = (verb: string, suggestion: string | undefined): View =>
  plain(
    `Unknown command ${code(verb)}.${suggestion ? ` Did you mean ${code(suggestion)}?` : ''} Try ${code('/mm2 help')}.`,
  );

export const channelRefusedView = (allowed: string[]): View =>
  plain(
    `I only answer in ${allowed.map((c) => (/^[CG][A-Z0-9]+$/.test(c) ? `<#${c}>` : code(c))).join(', ')}. Run the command there.`,
  );

export const roleRefusedView = (verb: string, needed: Role, held: Role | undefined, doubt?: string): View =>
  plain(
    `${code(`/mm2 ${verb}`)} needs the *${needed}* role; you have ${held ? `*${held}*` : 'no role'}. ${doubt ? escapeText(doubt) : 'Ask an approver or admin to add you to MM2_ROLES.'}`,
  );

export function errorView(error: AppError, correlationId: string): View {
  const text = `:warning: ${escapeText(error.message)}`;
  return plain(text, [
    ...(error.hint ? [escapeText(error.hint)] : []),
    `code ${error.code} · ref ${correlationId}`,
  ]);
}

export const internalErrorView = (correlationId: string): View =>
  plain(':boom: Something went wrong on my side. The details are in the bot log.', [
    `code INTERNAL · ref ${correlationId}`,
  ]);

/** A running command's latest progress line. */
export const progressView = (text: string): View => ({
  text,
  blocks: [context(`:hourglass_flowing_sand: ${escapeText(text)}`)],
});
