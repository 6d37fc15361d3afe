export interface GroupCommitOptions<T> {
  /** Writes one batch durably; every item of it is committed when this resolves. */
  write(items: T[]): Promise<void>;
  /** How long the first item of a batch waits for others; 0: only those added in the same turn. */
  windowMs: number;
  /** A batch this big is written at once. */
  maxItems: number;
}

interface Waiting<T> {
  item: T;
  resolve(): void;
  reject(error: unknown): void;
}

/**
 * Group commit: items added within a short window are written together, so a burst of commands costs
 * one durable write (one fsync, one S3 PUT) instead of one each. `add` resolves when its batch is written.
 */
export class GroupCommit<T> {
  private pending: Array<Waiting<T>> = [];
  private cancelTimer?: () => void;
  private readonly inFlight = new Set<Promise<void>>();

  constructor(private readonly options: GroupCommitOptions<T>) {}

  add(item: T): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.pending.push({ item, resolve, reject });
      if (this.pending.length >= this.options.maxItems) void this.flush();
      else if (!this.cancelTimer) this.cancelTimer = this.schedule(() => void this.flush());
    });
  }

  /** Writes what is waiting now and resolves once every batch in flight is written (or failed). */
  async flush(): Promise<void> {
    this.cancelTimer?.();
    this.cancelTimer = undefined;
    const batch = this.pending.splice(0);
    if (batch.length > 0) {
      const write = this.options.write(batch.map((w) => w.item)).then(
        () => batch.forEach((w) => w.resolve()),
        (error: unknown) => batch.forEach((w) => w.reject(error)),
      );
      this.inFlight.add(write);
      void write.finally(() => this.inFlight.delete(write));
    }
    await Promise.allSettled([...this.inFlight]);
  }

  private schedule(run: () => void): () => void {
    if (this.options.windowMs <= 0) {
      const immediate = setImmediate(run);
      return () => clearImmediate(immediate);
    }
    const timer = setTimeout(run, this.options.windowMs);
    return () => clearTimeout(timer);
  }
}
