// Form-encoded bodies carry every value as a string; JSON bodies carry real types. Read both alike.

export const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

export const bool = (v: unknown): boolean => v === true || v === 'true' || v === '1' || v === 1;
