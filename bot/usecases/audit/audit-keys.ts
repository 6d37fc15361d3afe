/** Records live one per object under their day, so appends from several replicas never collide. */
export const recordPrefix = (day: string) => `audit/${day}/`;
export const recordKey = (day: string, id: string) => `${recordPrefix(day)}${id}.json`;

/** One marker per day with records: `recent()` lists these few keys instead of every record. */
export const DAY_PREFIX = 'audit-days/';
export const dayKey = (day: string) => `${DAY_PREFIX}${day}.json`;
export const dayOfKey = (key: string) => key.slice(DAY_PREFIX.length).replace(/\.json$/, '');
