/**
 * A monthly invitation cap per account (business unit id, AFS address or BGL domain: any "account key"),
 * counted per calendar month in UTC through `z.cache`, so a Zap stops before it exceeds the plan's quota.
 *
 * Concurrency. `z.cache` has no atomic increment, so a plain read-add-write counter loses updates when runs
 * overlap (a bulk Salesforce update starts many at once): it would UNDER-count and let more invitations out
 * than the plan allows. Instead every invitation claims a numbered slot (1 … cap) with set-if-absent, which
 * production makes atomic: each slot goes to exactly one run, so at most `cap` runs are ever allowed.
 * A slot is taken before sending (so concurrent runs cannot overshoot) and given back
 * (`releaseMonthlyCapSlot`) when Trustpilot certainly did not accept the invitation (throttled, refused,
 * never reached); an invitation whose outcome is unknown keeps its slot.
 * The errors that remain all OVER-count, the safe direction (the cap bites a little early, never late):
 * - a slot whose release fails (cache error) stays taken;
 * - a slot found free can be skipped under a race or after an eviction, and is then never used.
 * The one way to under-count is the cache evicting a taken slot early, which nothing on z.cache can prevent.
 * A `count` hint (last slot taken) saves probing from 1; if it is stale or lost, probing gallops forward,
 * so finding the next free slot costs O(log cap) reads at worst.
 *
 * When the cache fails (throws, or answers null because it is throttled) the cap cannot be checked: this
 * throws CacheUnavailableError rather than send unchecked, and Zapier retries later. Nothing is lost.
 *
 * Order for callers: validate → replay guard → this cap → send. A replay is answered by the guard before it
 * reaches the cap, so replays are not counted twice.
 */
import { createHash } from 'node:crypto';

import { InputError } from '../../errors/input-error';
import { assertValidDate, startOfNextUtcMonth, utcDay, utcMonth } from '../../util/utc';
import { CacheUnavailableError, KeyValueCache } from '../../util/cache';

/** Keys outlive the month by a few days so support can still see last month's count after the reset. */
const GRACE_DAYS = 3;
const KEY_PREFIX = 'tp:cap:v1';

export interface MonthlyCapOptions {
  /** What the quota belongs to; compared case-insensitively and hashed before it goes into a cache key. */
  accountKey: string;
  cap: number;
  now: Date;
}

export type MonthlyCapResult =
  | { allowed: true; count: number }
  | { allowed: false; count: number; cap: number; reachedOn: string; resetsOn: string };

interface SlotMarker {
  on: string; // the UTC day the slot was taken; slot `cap` therefore records when the cap was reached
}

/** `monthly cap of 50 reached on 2026-11-14; resets on 2026-12-01` */
export function formatMonthlyCapMessage(result: { cap: number; reachedOn: string; resetsOn: string }): string {
  return `monthly cap of ${result.cap} reached on ${result.reachedOn}; resets on ${result.resetsOn}`;
}

async function fromCache<T>(what: string, operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    throw new CacheUnavailableError(
      `The monthly invitation cap could not be checked (Zapier's cache failed to ${what}); nothing was sent.`,
      { cause: error },
    );
  }
}

/**
 * Counts one invitation against this month's cap if there is room. `count` is this invitation's number in
 * the month when allowed, and the cap when not.
 */
function capKeys(options: MonthlyCapOptions) {
  const { cap, now } = options;
  if (!Number.isInteger(cap) || cap < 1) {
    throw new InputError('Monthly Invitation Cap', 'Monthly Invitation Cap: must be a whole number of 1 or more.');
  }
  assertValidDate(now, 'now');
  const account = typeof options.accountKey === 'string' ? options.accountKey.trim().toLowerCase() : '';
  if (account === '') throw new TypeError('accountKey must be a non-empty string');

  const base = `${KEY_PREFIX}:${createHash('sha256').update(account).digest('hex').slice(0, 32)}:${utcMonth(now)}`;
  const resetsOnDate = startOfNextUtcMonth(now);
  return {
    hintKey: `${base}:count`,
    slotKey: (n: number) => `${base}:slot:${n}`,
    resetsOnDate,
    ttlSeconds: Math.ceil((resetsOnDate.getTime() + GRACE_DAYS * 86_400_000 - now.getTime()) / 1000),
  };
}

/**
 * Gives back the slot an invitation took when Trustpilot certainly did not accept it (throttled, refused,
 * never reached): only accepted invitations, or ones whose outcome is unknown, use up the month's cap.
 * The hint is moved back so the next invitation finds the freed slot. Best effort: a cache failure here
 * leaves the slot taken, which over-counts (the safe direction).
 */
export async function releaseMonthlyCapSlot(cache: KeyValueCache, options: MonthlyCapOptions, slot: number): Promise<void> {
  const { hintKey, slotKey, ttlSeconds } = capKeys(options);
  try {
    if (!cache.delete) return;
    await cache.delete(slotKey(slot));
    const hint = await cache.get(hintKey);
    if (typeof hint !== 'number' || hint >= slot) await cache.set(hintKey, slot - 1, ttlSeconds);
  } catch {
    // over-counts by one until the month ends; never under-counts
  }
}

export async function checkAndCountMonthlyCap(cache: KeyValueCache, options: MonthlyCapOptions): Promise<MonthlyCapResult> {
  const { cap, now } = options;
  const { hintKey, slotKey, resetsOnDate, ttlSeconds } = capKeys(options);
  const today = utcDay(now);

  const isFree = async (n: number) => (await fromCache('read', () => cache.get(slotKey(n)))) == null;

  /** First free slot at or after `from`, or cap + 1. Slots fill from 1 upwards, so taken ones form a prefix. */
  const firstFreeSlot = async (from: number): Promise<number> => {
    if (from > cap || (await isFree(from))) return from;
    let taken = from;
    let free = cap + 1;
    for (let step = 1; taken < cap; step *= 2) {
      const probe = Math.min(taken + step, cap);
      if (await isFree(probe)) {
        free = probe;
        break;
      }
      taken = probe;
    }
    while (free - taken > 1) {
      const mid = Math.floor((taken + free) / 2);
      if (await isFree(mid)) free = mid;
      else taken = mid;
    }
    return free;
  };

  const hint = await fromCache('read', () => cache.get(hintKey));
  const start = typeof hint === 'number' && Number.isInteger(hint) && hint >= 0 ? Math.min(hint, cap) + 1 : 1;

  for (let n = await firstFreeSlot(start); n <= cap; n = await firstFreeSlot(n + 1)) {
    const marker: SlotMarker = { on: today };
    // get-before-set (in firstFreeSlot) is what keeps the appTester mock, which ignores nx, from reusing a slot.
    const claimed = await fromCache('store', () => cache.set(slotKey(n), marker, ttlSeconds, undefined, true));
    if (claimed === null) {
      throw new CacheUnavailableError(
        "The monthly invitation cap could not be checked (Zapier's cache is throttled); nothing was sent.",
      );
    }
    if (claimed === false) continue; // another run took this slot between our read and our write
    try {
      await cache.set(hintKey, n, ttlSeconds);
    } catch {
      // The hint only saves reads; if storing it fails, the next run probes a little further.
    }
    return { allowed: true, count: n };
  }

  const last = await fromCache('read', () => cache.get(slotKey(cap)));
  const reachedOn = typeof (last as SlotMarker | null)?.on === 'string' ? (last as SlotMarker).on : today;
  return { allowed: false, count: cap, cap, reachedOn, resetsOn: utcDay(resetsOnDate) };
}
