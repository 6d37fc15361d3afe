// Slack rate-limits per method (and per channel for chat.postMessage) and answers HTTP 429 with a
// Retry-After header in whole seconds. This keeps a sliding window of call times per key.

export interface RateLimitConfig {
  /** Calls allowed per window for every method not listed in perMethod. Undefined: unlimited. */
  default?: number;
  perMethod?: Record<string, number>;
  /** Window length, 60 000 ms unless set (Slack's tiers are per minute). */
  windowMs?: number;
}

export interface InjectedFailure {
  /** Answer `{ok:false, error}` with HTTP 200 (a platform error). */
  error?: string;
  /** Answer 429 with this Retry-After (seconds). */
  retryAfterSec?: number;
  /** Answer this HTTP status with an empty body (e.g. 500, 503). */
  status?: number;
}

/**
 * Roughly Slack's published limits for the methods the bot uses, per minute: chat.postMessage about one a
 * second per channel, chat.update tier 3, chat.postEphemeral tier 4, usergroups.users.list tier 2.
 * Approximate on purpose (Slack allows short bursts); use it to see that the bot survives 429s.
 */
export function slackLikeRateLimits(): RateLimitConfig {
  return {
    windowMs: 60_000,
    perMethod: {
      'chat.postMessage': 60,
      'chat.update': 50,
      'chat.postEphemeral': 100,
      'usergroups.users.list': 20,
    },
  };
}

export type Admission = { ok: true } | { ok: false; retryAfterSec: number };

export class RateLimiter {
  private readonly calls = new Map<string, number[]>();
  private readonly injected = new Map<string, InjectedFailure[]>();

  constructor(
    private config: RateLimitConfig = {},
    private readonly now: () => number = Date.now,
  ) {}

  configure(config: RateLimitConfig): void {
    this.config = config;
    this.calls.clear();
  }

  /** The next `times` calls of `method` fail as described, before any other check. */
  inject(method: string, failure: InjectedFailure, times = 1): void {
    const queue = this.injected.get(method) ?? [];
    for (let i = 0; i < times; i += 1) queue.push(failure);
    this.injected.set(method, queue);
  }

  clearInjected(): void {
    this.injected.clear();
  }

  takeInjected(method: string): InjectedFailure | undefined {
    return this.injected.get(method)?.shift();
  }

  admit(method: string, scope = ''): Admission {
    const limit = this.config.perMethod?.[method] ?? this.config.default;
    if (limit === undefined) return { ok: true };
    const windowMs = this.config.windowMs ?? 60_000;
    const key = `${method}|${scope}`;
    const now = this.now();
    const recent = (this.calls.get(key) ?? []).filter((t) => now - t < windowMs);
    if (recent.length >= limit) {
      this.calls.set(key, recent);
      const oldest = recent[0] ?? now;
      return { ok: false, retryAfterSec: Math.max(1, Math.ceil((oldest + windowMs - now) / 1000)) };
    }
    recent.push(now);
    this.calls.set(key, recent);
    return { ok: true };
  }

  reset(): void {
    this.calls.clear();
    this.injected.clear();
  }
}
