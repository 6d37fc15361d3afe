/**
 * Splits a slash command's text into words, honouring "double" and 'single' quotes. Slack sends
 * `<`, `>` and `&` escaped; they are unescaped here so that arguments (e.g. a topic regex) mean
 * what the user typed. Never throws: an unclosed quote ends at the end of the text.
 */
export function tokenize(text: string): string[] {
  const unescaped = text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  const words: string[] = [];
  let current = '';
  let quote: '"' | "'" | undefined;
  let inWord = false;
  for (const ch of unescaped) {
    if (quote) {
      if (ch === quote) quote = undefined;
      else current += ch;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      inWord = true;
    } else if (/\s/.test(ch)) {
      if (inWord) words.push(current);
      current = '';
      inWord = false;
    } else {
      current += ch;
      inWord = true;
    }
  }
  if (inWord) words.push(current);
  return words;
}
