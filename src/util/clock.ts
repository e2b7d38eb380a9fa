/**
 * The wall clock every wait of the app goes through: the pauses between retries (src/http.ts), the Trustpilot
 * rate budget's ticks (src/trustpilot/rate-budget.ts) and a batch step's time budget (src/invitations/batch/).
 * One object, so unit tests can make all of those waits pass in virtual time at once (test/support/virtual-waits.ts)
 * while the code still measures them as in production.
 */
export interface Clock {
  /** Milliseconds, like Date.now(). */
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const wallClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};
