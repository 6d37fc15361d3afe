import { randomUUID } from 'node:crypto';

/** A short id tying a command's log lines, audit record and error message together. */
export const newCorrelationId = (): string => randomUUID().slice(0, 8);
