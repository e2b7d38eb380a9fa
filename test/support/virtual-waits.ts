/**
 * Unit tests only: the pauses between retries (src/http.ts, 300 ms then 1 s) pass in virtual time. The step's
 * clock moves on by each pause, so the step's time budget counts them exactly as in production, but the suite does
 * not sit idle for them. End-to-end tests keep real pauses: there the sandbox's rate limits see real time.
 */
import { stepClock } from '../../src/http';

let slept = 0;
const realNow = stepClock.now;
stepClock.now = () => realNow() + slept;
stepClock.sleep = async (ms: number) => {
  slept += ms;
};
