function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length]!;
}

/** The closest known word, if it is close enough to be a likely typo. */
export function didYouMean(word: string, known: string[]): string | undefined {
  const candidate = word.toLowerCase().slice(0, 40);
  let best: { word: string; score: number } | undefined;
  for (const option of known) {
    const score = option.startsWith(candidate) && candidate.length >= 2 ? 0 : distance(candidate, option);
    if (!best || score < best.score) best = { word: option, score };
  }
  return best && best.score <= Math.max(1, Math.floor(best.word.length / 3)) ? best.word : undefined;
}
