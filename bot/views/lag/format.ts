import type { Verdict } from '../../usecases/lag/lag-types';

export const VERDICT_EMOJI: Record<Verdict, string> = {
  green: ':large_green_circle:',
  amber: ':large_orange_circle:',
  red: ':red_circle:',
};

export const count = (n: number | undefined): string =>
  n === undefined ? '–' : Math.round(n).toLocaleString('en-US');

export const millis = (ms: number | undefined): string => {
  if (ms === undefined) return '–';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 120_000) return `${(ms / 1000).toFixed(1)} s`;
  return `${(ms / 60_000).toFixed(1)} min`;
};

export const rate = (perSecond: number | undefined): string =>
  perSecond === undefined
    ? '–'
    : perSecond >= 100
      ? `${Math.round(perSecond)}/s`
      : `${perSecond.toFixed(1)}/s`;

const BARS = '▁▂▃▄▅▆▇█';

/** The last `width` points as a sparkline; empty when there is no history. */
export const sparkline = (points: number[], width = 8): string => {
  const tail = points.slice(-width);
  if (tail.length === 0) return '';
  const max = Math.max(...tail);
  if (max <= 0) return BARS[0]!.repeat(tail.length);
  return tail.map((v) => BARS[Math.min(7, Math.floor((v / max) * 7.999))]).join('');
};
