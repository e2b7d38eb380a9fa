/**
 * Unit tests only: every wait of the app (retry pauses in src/http.ts, the Trustpilot rate budget's ticks, a batch
 * step's pauses) passes in virtual time. The wall clock moves on by each pause, so the step's time budget counts
 * it exactly as in production, but the suite does not sit idle for it. End-to-end tests keep real pauses: there the
 * sandbox's rate limits see real time.
 */
import { wallClock } from '../../src/util/clock';

let slept = 0;
const realNow = wallClock.now;
wallClock.now = () => realNow() + slept;
wallClock.sleep = async (ms: number) => {
  slept += Math.max(0, ms);
};
