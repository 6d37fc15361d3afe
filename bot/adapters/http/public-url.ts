/** A base URL fit to show in messages: no credentials, query or fragment. */
export function publicUrl(raw: string, what: string): string {
  try {
    const url = new URL(raw);
    return `${url.protocol}//${url.host}${url.pathname.replace(/\/$/, '')}`;
  } catch {
    return `(invalid ${what} URL)`;
  }
}
