import type { View } from '../view';
import type { AlertState } from '../../usecases/alerts/alert-types';
import type { AlertRenderer } from '../../usecases/alerts/alert-watcher';
import { context, section } from '../blocks';
import { clip, escapeText } from '../mrkdwn';

const duration = (ms: number): string => {
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 1) return `${Math.max(0, Math.round(ms / 1000))} s`;
  if (minutes < 120) return `${minutes} min`;
  return `${(minutes / 60).toFixed(1)} h`;
};

const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z');
const icon = (a: AlertState) => (a.severity === 'critical' ? ':rotating_light:' : ':warning:');
const quote = (text: string) =>
  text
    .split('\n')
    .map((l) => `> ${l}`)
    .join('\n');

export const alertRootView = (a: AlertState, now: number): View => ({
  text: clip(`${a.severity === 'critical' ? 'CRITICAL' : 'WARNING'}: ${a.title}`, 300),
  blocks: [
    section(`${icon(a)} *${escapeText(clip(a.title, 200))}*\n${quote(escapeText(clip(a.detail, 2500)))}`),
    context(
      `since ${iso(a.firstSeen)} (${duration(now - a.firstSeen)}) · last checked ${iso(a.lastSeen)} · ${a.updates} update(s) in thread · \`${escapeText(clip(a.key, 100)).replace(/`/g, "'")}\``,
    ),
  ],
});

export const alertUpdateView = (a: AlertState, now: number): View => ({
  text: clip(`Still happening: ${a.title}`, 300),
  blocks: [
    section(
      `Still happening after ${duration(now - a.firstSeen)}:\n${quote(escapeText(clip(a.detail, 2800)))}`,
    ),
  ],
});

export const alertResolvedView = (a: AlertState, now: number): View => ({
  text: clip(`RESOLVED: ${a.title}`, 300),
  blocks: [
    section(
      `:white_check_mark: *Resolved:* ~${escapeText(clip(a.title, 200))}~\n${quote(escapeText(clip(a.detail, 2500)))}`,
    ),
    context(
      `from ${iso(a.firstSeen)} to ${iso(a.resolvedAt ?? now)} (${duration((a.resolvedAt ?? now) - a.firstSeen)})`,
    ),
  ],
});

export const alertViews: AlertRenderer = {
  root: alertRootView,
  update: alertUpdateView,
  resolved: alertResolvedView,
};
