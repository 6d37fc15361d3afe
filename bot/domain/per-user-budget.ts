import type { Clock } from './clock';

/**
 * At most `limit` events per user per `windowMs` (fixed windows). Bounds what one user can make the
 * bot write, e.g. audit records of refusals from channels the bot does not serve. Memory stays
 * bounded: windows that have ended are dropped once more than `maxUsers` users are tracked.
 */
export class PerUserBudget {
  private readonly windows = new Map<string, { start: number; used: number }>();

  constructor(
    private readonly options: { clock: Clock; limit: number; windowMs: number; maxUsers?: number },
  ) {}

  /** True when the user may have one more event now (and counts it); false once the budget is spent. */
  take(user: string): boolean {
    const now = this.options.clock.now();
    const current = this.windows.get(user);
    if (!current || now - current.start >= this.options.windowMs) {
      this.forgetEnded(now);
      this.windows.set(user, { start: now, used: 1 });
      return true;
    }
    if (current.used >= this.options.limit) return false;
    current.used++;
    return true;
  }

  private forgetEnded(now: number): void {
    if (this.windows.size < (this.options.maxUsers ?? 10_000)) return;
    for (const [user, w] of this.windows)
      if (now - w.start >= this.options.windowMs) this.windows.delete(user);
  }
}
