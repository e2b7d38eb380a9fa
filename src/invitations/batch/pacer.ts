/**
 * Pacing for a batch of Trustpilot calls: a token bucket that lets a small burst through, then one call
 * every 1/rate seconds. The clock and the sleep are injected, so tests run on a fake clock without waiting.
 */

export interface Clock {
  /** Milliseconds, like Date.now(). */
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

export class Pacer {
  private tokens: number;
  private last: number;

  constructor(
    private readonly clock: Clock,
    private readonly ratePerSecond: number,
    private readonly burst: number,
  ) {
    if (!(ratePerSecond > 0) || !(burst >= 1)) throw new RangeError('Pacer needs a positive rate and a burst of at least 1');
    this.tokens = burst;
    this.last = clock.now();
  }

  private refill(): void {
    const now = this.clock.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.ratePerSecond);
    this.last = now;
  }

  /**
   * Waits until one call may start, then counts it. Called one at a time, it never waits longer than
   * 1/rate seconds. Returns how long it waited, in ms.
   */
  async take(): Promise<number> {
    this.refill();
    let waited = 0;
    if (this.tokens < 1) {
      waited = Math.ceil(((1 - this.tokens) / this.ratePerSecond) * 1000);
      await this.clock.sleep(waited);
      this.refill();
    }
    this.tokens = Math.max(0, this.tokens - 1);
    return waited;
  }
}
