/**
 * One rate budget for every Trustpilot call an account makes, shared through `z.cache` by all the Zap runs
 * Zapier executes at the same time: single sends, batch steps, polls and searches.
 *
 * Trustpilot asks for at most 833 calls per 5 minutes (https://developers.trustpilot.com/rate-limiting). Time is
 * cut into ticks of 1/rate seconds, and a call may start only within a tick it has claimed: the current one if it
 * is free, else it sleeps until the start of a later one. A tick is claimed with set-if-absent, so two runs never
 * get the same one, whichever Lambda they run in. No burst: any window of W seconds holds at most W × rate + 2
 * calls, 812 in 5 minutes.
 *
 * A run that finds no free tick within its wait throws ThrottledError with the delay until the claimed ticks
 * run out, without calling Trustpilot: Zapier runs it again then. A hint (the last tick claimed) lets a run skip
 * the ticks others hold instead of trying them one by one.
 *
 * If the cache cannot answer (an RPC failure, or `set` throttled: it answers null), the call goes ahead
 * unpaced: Trustpilot's own 429 is still mapped to ThrottledError, so pacing is lost but nothing else.
 */
import { createHash } from 'node:crypto';

import { TRUSTPILOT_SUSTAINED_CALLS_PER_SECOND } from '../config';
import { wallClock, type Clock } from '../util/clock';

/** The slice of z.cache the budget uses (z.cache satisfies it). */
export interface BudgetCache {
  get(key: string): Promise<unknown>;
  set(key: string, value: unknown, ttlSeconds?: number, scope?: string[], nx?: boolean): Promise<unknown>;
}

export type BudgetClock = Clock;

/** One call per tick: 2.7 calls/s, i.e. 810 per 5 minutes against Trustpilot's 833. */
export const TICK_MS = Math.ceil(1000 / TRUSTPILOT_SUSTAINED_CALLS_PER_SECOND);
/** How long a single step waits for a tick before it hands the wait to Zapier (a step has 30 s in all). */
export const DEFAULT_MAX_WAIT_MS = 8_000;
/** A claimed tick only matters until it has passed; the hint a little longer. Integers, as z.cache requires. */
const TICK_TTL_S = 60;
/** Longer than any wait (a batch step waits at most ~22 s). */
const HINT_HORIZON_MS = 60_000;
const HINT_TTL_S = 300;

/** Thrown when no tick is free within the wait; `delaySeconds` is when the claimed ticks run out. */
export class BudgetExhausted extends Error {
  override readonly name = 'BudgetExhausted';
  constructor(readonly delaySeconds: number) {
    super(
      `Your Trustpilot rate limit (833 calls per 5 minutes, shared by all your Zaps on this Trustpilot account) is in use by other runs. ` +
        `Zapier will run this step again in about ${delaySeconds} seconds.`,
    );
  }
}

/** The cache keys of an account's budget start with this: a hash of its API key, never the key itself. */
export const budgetKeyPrefix = (account: string): string => `trustpilot-budget:${createHash('sha256').update(account).digest('hex').slice(0, 16)}`;

export interface RateBudgetOptions {
  /** The longest this call may wait for a tick; a function for a batch whose time runs out as it goes. */
  maxWaitMs?: number | (() => number);
  clock?: BudgetClock;
  random?: () => number;
}

export class RateBudget {
  private readonly prefix: string;
  private readonly clock: BudgetClock;

  /** `account` identifies the Trustpilot account (its API key); only a hash of it goes into the cache keys. */
  constructor(
    private readonly cache: BudgetCache,
    account: string,
    private readonly options: RateBudgetOptions = {},
  ) {
    this.prefix = budgetKeyPrefix(account);
    this.clock = options.clock ?? wallClock;
  }

  private maxWaitMs(): number {
    const wait = this.options.maxWaitMs;
    return Math.max(0, typeof wait === 'function' ? wait() : (wait ?? DEFAULT_MAX_WAIT_MS));
  }

  /** The last tick claimed. Claims never reach further ahead than a wait; one that does is ignored (clock skew, a stale value). */
  private async hint(): Promise<number> {
    const value = await this.cache.get(`${this.prefix}:last`);
    const horizon = Math.floor((this.clock.now() + HINT_HORIZON_MS) / TICK_MS);
    return typeof value === 'number' && Number.isInteger(value) && value <= horizon ? value : -1;
  }

  /** Waits for this run's tick, then returns: the caller may call Trustpilot. Throws BudgetExhausted. */
  async take(): Promise<void> {
    const started = this.clock.now();
    const lastTick = Math.floor((started + this.maxWaitMs()) / TICK_MS);
    let hint = -1;
    try {
      hint = await this.hint();
      let tick = Math.max(Math.floor(this.clock.now() / TICK_MS), hint + 1);
      while (tick <= lastTick) {
        const claimed = await this.cache.set(`${this.prefix}:${tick}`, 1, TICK_TTL_S, undefined, true);
        if (claimed === null) return; // the cache throttled us: go unpaced
        if (claimed === true) {
          await this.cache.set(`${this.prefix}:last`, tick, HINT_TTL_S);
          const wait = tick * TICK_MS - this.clock.now();
          if (wait > 0) await this.clock.sleep(wait);
          return;
        }
        // Taken: jump past what the others have claimed meanwhile, and past ticks that are over.
        hint = await this.hint();
        tick = Math.max(tick + 1, hint + 1, Math.floor(this.clock.now() / TICK_MS));
      }
    } catch {
      return; // the cache failed: go unpaced rather than fail the step
    }
    // Every tick within the wait is taken. Come back when the claimed ones run out, spread a little so the
    // runs sent back together do not all return in the same second.
    const freeAt = Math.max(lastTick, hint) * TICK_MS;
    const spread = (this.options.random ?? Math.random)() * 5;
    throw new BudgetExhausted(Math.max(1, Math.ceil((freeAt - this.clock.now()) / 1000 + spread)));
  }
}
