import { randomBytes } from 'node:crypto';

/**
 * `20261125T211554123Z-0007-9f3a2b1c`: the time first (fixed width, so text order is time order),
 * then a per-process sequence for records in the same millisecond, then randomness across replicas.
 */
export function sortableIdFactory(): (epochMs: number) => string {
  let sequence = 0;
  return (epochMs) => {
    const time = new Date(epochMs).toISOString().replace(/[-:.]/g, '');
    sequence = (sequence + 1) % 36 ** 4;
    return `${time}-${sequence.toString(36).padStart(4, '0')}-${randomBytes(4).toString('hex')}`;
  };
}

/** The shape sortableIdFactory makes; anything else offered as an id (a pasted cursor) is refused. */
export const SORTABLE_ID = /^\d{8}T\d{9}Z-[0-9a-z]{4}-[0-9a-f]{8}$/;
