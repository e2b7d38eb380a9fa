import type { Clock } from './clock';

export interface RateLimitOptions {
  limit: number;
  windowMs: number;
}

/** Trustpilot's documented ceiling: 833 calls per 5 minutes. */
export const TRUSTPILOT_RATE_LIMIT: RateLimitOptions = { limit: 833, windowMs: 300_000 };

/**
 * A sliding-window log: a call is refused when `limit` calls were already accepted in the last `windowMs`.
 * Refused calls are not logged, so a client that backs off recovers as soon as the window slides.
 */
export class SlidingWindowLimiter {
  private accepted: number[] = [];

  constructor(
    private readonly options: RateLimitOptions,
    private readonly clock: Clock,
  ) {}

  tryAcquire(): boolean {
    const now = this.clock.now();
    const since = now - this.options.windowMs;
    let drop = 0;
    while (drop < this.accepted.length && this.accepted[drop]! <= since) drop++;
    if (drop > 0) this.accepted = this.accepted.slice(drop);
    if (this.accepted.length >= this.options.limit) return false;
    this.accepted.push(now);
    return true;
  }

  reset(): void {
    this.accepted = [];
  }
}
