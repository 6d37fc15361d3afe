/** A value as written in text: a quoted string (quotes possibly escaped, as inside JSON), or bare. */
export interface ScannedValue {
  /** The opening quote, with its backslashes when the text is escaped JSON. */
  open: string;
  content: string;
  close: string;
  end: number;
}

const backslashesBefore = (text: string, at: number) => {
  let n = 0;
  while (at - 1 - n >= 0 && text[at - 1 - n] === '\\') n++;
  return n;
};

/**
 * Reads the value starting at `start`. A quoted value runs to the matching quote: for `"` one not
 * escaped, for `\"` (JSON inside JSON) one with exactly as many backslashes. `${...}` references run
 * to their brace; bare values stop at a character matching `stops`.
 */
export function scanValue(text: string, start: number, stops: RegExp): ScannedValue {
  const opener = /^(\\*)(["'])/.exec(text.slice(start, start + 32));
  if (opener) {
    const open = opener[0];
    const depth = opener[1]!.length;
    const quote = opener[2]!;
    const from = start + open.length;
    for (let at = text.indexOf(quote, from); at >= 0; at = text.indexOf(quote, at + 1)) {
      const n = backslashesBefore(text, at);
      if (depth === 0 ? n % 2 === 0 : n === depth && at - n >= from)
        return { open, content: text.slice(from, at - n), close: open, end: at + 1 };
    }
    return { open, content: text.slice(from), close: '', end: text.length };
  }
  if (text.startsWith('${', start)) {
    const close = text.indexOf('}', start);
    if (close > 0) return { open: '', content: text.slice(start, close + 1), close: '', end: close + 1 };
  }
  let end = start;
  while (end < text.length && !stops.test(text[end]!)) end++;
  return { open: '', content: text.slice(start, end), close: '', end };
}
