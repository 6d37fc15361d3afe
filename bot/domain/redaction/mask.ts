export const MASK = '[REDACTED]';
