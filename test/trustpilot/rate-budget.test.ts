import nock from 'nock';

import { BATCH_SEND_CUTOFF_MS } from '../../src/config';
import { TrustpilotClient } from '../../src/trustpilot/client';
import { budgetKeyPrefix, BudgetExhausted, DEFAULT_MAX_WAIT_MS, RateBudget, TICK_MS, type BudgetClock } from '../../src/trustpilot/rate-budget';
import { appTester, authData, BUSINESS_UNIT_ID, caught, TRUSTPILOT_INVITATIONS } from '../helpers';
import { failingCache, HarnessLikeCache, MemoryCache } from '../helpers/caches';

/**
 * Simulated time for many runs at once: sleeping registers a timer, and time jumps to the earliest timer
 * only when every run is waiting on one. Runs interleave at every cache call, as Lambdas do.
 */
class SimClock implements BudgetClock {
  private timers: Array<{ at: number; wake: () => void }> = [];
  constructor(public t = Date.parse('2026-11-14T10:00:00Z')) {}
  now() {
    return this.t;
  }
  sleep(ms: number) {
    return new Promise<void>((wake) => this.timers.push({ at: this.t + ms, wake }));
  }
  /** Runs `work` to completion, advancing time whenever everything is asleep. */
  async run<T>(work: Promise<T>): Promise<T> {
    let done = false;
    const result = work.finally(() => (done = true));
    while (!done) {
      await new Promise((resolve) => setImmediate(resolve));
      if (done || this.timers.length === 0) continue;
      // Wake every run due at the earliest time together.
      const at = Math.min(...this.timers.map((timer) => timer.at));
      const due = this.timers.filter((timer) => timer.at === at);
      this.timers = this.timers.filter((timer) => timer.at !== at);
      this.t = Math.max(this.t, at);
      for (const timer of due) timer.wake();
    }
    return result;
  }
}

/** A Zap run that calls Trustpilot once, retried after its delay as Zapier does after ThrottledError. */
const zapRun = async (budget: RateBudget, clock: SimClock, calls: number[], throttles: { n: number }) => {
  for (;;) {
    try {
      await budget.take();
      calls.push(clock.now());
      return;
    } catch (err) {
      if (!(err instanceof BudgetExhausted)) throw err;
      throttles.n++;
      await clock.sleep(err.delaySeconds * 1000);
    }
  }
};

const busiest = (calls: readonly number[], windowMs: number) => {
  const sorted = [...calls].sort((a, b) => a - b);
  let worst = 0;
  for (let first = 0, last = 0; last < sorted.length; last++) {
    while (sorted[last]! - sorted[first]! >= windowMs) first++;
    worst = Math.max(worst, last - first + 1);
  }
  return worst;
};

describe('the shared Trustpilot rate budget', () => {
  it('keeps 1,000 concurrent runs on one account under 833 calls in any 5 minutes, each calling exactly once', async () => {
    const clock = new SimClock();
    const cache = new MemoryCache();
    const calls: number[] = [];
    const throttles = { n: 0 };
    // Each run is its own Lambda: its own RateBudget object, one shared cache.
    await clock.run(Promise.all(Array.from({ length: 1_000 }, () => zapRun(new RateBudget(cache, 'api-key', { clock }), clock, calls, throttles))));
    expect(calls).toHaveLength(1_000);
    const worst = busiest(calls, 300_000);
    expect(worst).toBeLessThanOrEqual(833);
    expect(worst).toBeGreaterThan(800); // and does not waste the allowance
    // Runs that found no tick within their wait were sent back, and came back when ticks were free again.
    expect(throttles.n).toBeGreaterThan(0);
    // Never two calls in the same tick.
    const ticks = calls.map((t) => Math.floor(t / TICK_MS));
    expect(new Set(ticks).size).toBe(calls.length);
  }, 60_000);

  it('needs set-if-absent: with a cache that ignores it (appTester’s), concurrent runs share ticks', async () => {
    const clock = new SimClock();
    const cache = new HarnessLikeCache();
    const calls: number[] = [];
    await clock.run(Promise.all(Array.from({ length: 50 }, () => zapRun(new RateBudget(cache, 'api-key', { clock }), clock, calls, { n: 0 }))));
    expect(new Set(calls.map((t) => Math.floor(t / TICK_MS))).size).toBeLessThan(calls.length);
  });

  it('sends a run back with the delay until a tick frees, without waiting past its short wait', async () => {
    const clock = new SimClock();
    const cache = new MemoryCache();
    const start = clock.now();
    const outcomes = await clock.run(
      Promise.allSettled(Array.from({ length: 40 }, () => new RateBudget(cache, 'api-key', { clock, random: () => 0 }).take().then(() => clock.now()))),
    );
    const took = outcomes.filter((o) => o.status === 'fulfilled') as PromiseFulfilledResult<number>[];
    const refused = outcomes.filter((o) => o.status === 'rejected').map((o) => (o as PromiseRejectedResult).reason as BudgetExhausted);
    expect(took.length).toBe(Math.floor((start + DEFAULT_MAX_WAIT_MS) / TICK_MS) - Math.floor(start / TICK_MS) + 1);
    for (const t of took) expect(t.value - start).toBeLessThanOrEqual(DEFAULT_MAX_WAIT_MS);
    expect(refused.length).toBe(40 - took.length);
    for (const err of refused) {
      expect(err).toBeInstanceOf(BudgetExhausted);
      expect(err.delaySeconds).toBeGreaterThanOrEqual(DEFAULT_MAX_WAIT_MS / 1000 - 1);
      expect(err.delaySeconds).toBeLessThanOrEqual(DEFAULT_MAX_WAIT_MS / 1000 + 1);
      expect(err.message).toMatch(/shared by all your Zaps/);
    }
  });

  it('lets a batch wait as long as its own time allows', async () => {
    const clock = new SimClock();
    const cache = new MemoryCache();
    const start = clock.now();
    const budget = new RateBudget(cache, 'api-key', { clock, maxWaitMs: () => BATCH_SEND_CUTOFF_MS - (clock.now() - start) });
    const calls: number[] = [];
    await clock.run(
      (async () => {
        for (;;) {
          try {
            await budget.take();
          } catch {
            return;
          }
          calls.push(clock.now());
        }
      })(),
    );
    expect(calls.length).toBeGreaterThan(55);
    expect(calls[calls.length - 1]! - start).toBeLessThanOrEqual(BATCH_SEND_CUTOFF_MS);
  });

  it('keeps accounts apart, and puts no API key in a cache key', async () => {
    const clock = new SimClock();
    const cache = new MemoryCache();
    await clock.run(Promise.all([new RateBudget(cache, 'key-one', { clock }).take(), new RateBudget(cache, 'key-two', { clock }).take()]));
    expect(clock.now()).toBe(Date.parse('2026-11-14T10:00:00Z')); // both took the current tick: no wait
    expect([...cache.store.keys()].join(' ')).not.toMatch(/key-one|key-two/);
  });

  it('goes unpaced rather than failing the step when the cache cannot answer', async () => {
    for (const mode of ['get-throws', 'set-throws', 'set-throttled'] as const) {
      const clock = new SimClock();
      await expect(clock.run(new RateBudget(failingCache(mode), 'api-key', { clock }).take())).resolves.toBeUndefined();
    }
  });
});

describe('every Trustpilot call of the client takes its turn in the budget', () => {
  const templatesPath = `/v1/private/business-units/${BUSINESS_UNIT_ID}/templates`;

  it('throws ThrottledError with the delay, without calling Trustpilot, when other runs hold the next ticks', async () => {
    const scope = nock(TRUSTPILOT_INVITATIONS).get(templatesPath).reply(200, { templates: [] });
    const err = await caught(() =>
      appTester(
        async (z, bundle) => {
          // Other runs on this account have claimed the ticks of the next 20 seconds.
          await z.cache.set(`${budgetKeyPrefix(authData.trustpilot_api_key)}:last`, Math.floor((Date.now() + 20_000) / TICK_MS), 300);
          return TrustpilotClient.fromBundle(z, bundle).listTemplates(BUSINESS_UNIT_ID);
        },
        { authData },
      ),
    );
    expect(err.name).toBe('ThrottledError');
    const { delay, message } = JSON.parse(err.message) as { delay: number; message: string };
    expect(delay).toBeGreaterThanOrEqual(19);
    expect(delay).toBeLessThanOrEqual(26);
    expect(message).toMatch(/833 calls per 5 minutes, shared by all your Zaps/);
    expect(scope.isDone()).toBe(false); // Trustpilot was not called
    nock.cleanAll();
  });

  it('calls Trustpilot once its tick has come', async () => {
    const scope = nock(TRUSTPILOT_INVITATIONS).get(templatesPath).reply(200, { templates: [] });
    await appTester(async (z, bundle) => TrustpilotClient.fromBundle(z, bundle).listTemplates(BUSINESS_UNIT_ID), { authData }, true);
    expect(scope.isDone()).toBe(true);
  });
});
