/**
 * Shares one call in flight: while `work` runs, every caller gets the same promise; the next call
 * after it settles starts anew (nothing is cached). Concurrent askers of an expensive read (every
 * partition's offsets) cost one read, not one each.
 */
export function singleFlight<T>(work: () => Promise<T>): () => Promise<T> {
  let running: Promise<T> | undefined;
  return () => {
    running ??= work().finally(() => (running = undefined));
    return running;
  };
}
