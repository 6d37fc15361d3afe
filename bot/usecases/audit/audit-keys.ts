/**
 * Records live under their day, so appends from several replicas never collide. An object is named
 * after the newest record it holds; a batch also carries its oldest (`<newest>~<oldest>.json`), so a
 * page older than a cursor knows which objects to read from their names alone.
 */
export const recordPrefix = (day: string) => `audit/${day}/`;
export const recordKey = (day: string, newest: string, oldest = newest) =>
  `${recordPrefix(day)}${newest}${oldest === newest ? '' : `~${oldest}`}.json`;

/** The ids a record object spans; a name without `~` (a lone record) spans its one id. */
export function spanOfKey(key: string): { key: string; newest: string; oldest: string } {
  const [newest = '', oldest = newest] = key
    .slice(key.lastIndexOf('/') + 1)
    .replace(/\.json$/, '')
    .split('~');
  return { key, newest, oldest };
}

/** One marker per day with records: `recent()` lists these few keys instead of every record. */
export const DAY_PREFIX = 'audit-days/';
export const dayKey = (day: string) => `${DAY_PREFIX}${day}.json`;
export const dayOfKey = (key: string) => key.slice(DAY_PREFIX.length).replace(/\.json$/, '');

/** `20261125T211554123Z-…` → `2026-11-25` (the ids of sortable-id.ts start with the UTC time). */
export const dayOfId = (id: string) => `${id.slice(0, 4)}-${id.slice(4, 6)}-${id.slice(6, 8)}`;
