/** A Java stack trace reduced to what a person acts on: the first exception line and each `Caused by:`. */
export function shortenTrace(trace: string | undefined, maxLine = 300, maxLines = 6): string | undefined {
  if (!trace) return undefined;
  const lines = trace.split(/\r?\n/).map((l) => l.trim());
  const first = lines.find((l) => l.length > 0);
  const causes = lines.filter((l) => l.startsWith('Caused by:'));
  const kept = [first, ...causes].filter((l): l is string => l !== undefined);
  // The deepest causes are usually the telling ones: keep the first line and the last few causes.
  const picked = kept.length > maxLines ? [kept[0]!, '…', ...kept.slice(kept.length - (maxLines - 1))] : kept;
  return picked.map((l) => (l.length > maxLine ? `${l.slice(0, maxLine - 1)}…` : l)).join('\n');
}
