/**
 * The clock a batch step keeps its time budget with. Injected, so tests run on a fake clock without waiting.
 * Pacing itself is the Trustpilot client's shared rate budget (src/trustpilot/rate-budget.ts).
 */
import { wallClock, type Clock } from '../../util/clock';

export type { Clock };
export const systemClock: Clock = wallClock;
