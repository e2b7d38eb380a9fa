/**
 * The clock a batch step keeps its time budget with. Injected, so tests run on a fake clock without waiting.
 * Pacing itself is the Trustpilot client's shared rate budget (src/trustpilot/rate-budget.ts).
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
