import { createAppTester, version as platformVersion, ZObject } from 'zapier-platform-core';

import { InputError } from '../../../src/errors/input-error';
import { CacheUnavailableError, KeyValueCache } from '../../../src/util/cache';
import {
  MonthlyCapResult,
  checkAndCountMonthlyCap,
  formatMonthlyCapMessage,
} from '../../../src/invitations/policy/monthly-cap';
import { HarnessLikeCache, InterleavingCache, MemoryCache, failingCache } from '../../helpers/caches';

const ACCOUNT = 'youfibre.com+13b321b241@invite.trustpilot.com';
const at = (iso: string) => new Date(iso);

async function countUpTo(cache: KeyValueCache, cap: number, nowFor: (i: number) => Date): Promise<MonthlyCapResult[]> {
  const results: MonthlyCapResult[] = [];
  for (let i = 0; i < cap; i++) results.push(await checkAndCountMonthlyCap(cache, { accountKey: ACCOUNT, cap, now: nowFor(i) }));
  return results;
}

describe('checkAndCountMonthlyCap', () => {
  it('counts up to the cap, then stops with the exact message', async () => {
    const cache = new MemoryCache();
    // 50 invitations between 1 and 14 November; the 50th on the 14th.
    const results = await countUpTo(cache, 50, (i) => at(`2026-11-${String(1 + Math.floor((i * 13) / 49)).padStart(2, '0')}T10:00:00Z`));
    expect(results.map((r) => r.allowed)).toEqual(Array(50).fill(true));
    expect(results.map((r) => r.count)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));

    const blocked = await checkAndCountMonthlyCap(cache, { accountKey: ACCOUNT, cap: 50, now: at('2026-11-20T08:00:00Z') });
    expect(blocked).toEqual({ allowed: false, count: 50, cap: 50, reachedOn: '2026-11-14', resetsOn: '2026-12-01' });
    if (blocked.allowed) throw new Error('unreachable');
    expect(formatMonthlyCapMessage(blocked)).toBe('monthly cap of 50 reached on 2026-11-14; resets on 2026-12-01');
  });

  it('stays stopped for the rest of the month and resets on the 1st, UTC', async () => {
    const cache = new MemoryCache();
    await countUpTo(cache, 3, () => at('2026-11-02T00:00:00Z'));
    expect((await checkAndCountMonthlyCap(cache, { accountKey: ACCOUNT, cap: 3, now: at('2026-11-30T23:59:59Z') })).allowed).toBe(false);
    // 1 December 00:30 in Berlin is still November in UTC.
    expect((await checkAndCountMonthlyCap(cache, { accountKey: ACCOUNT, cap: 3, now: at('2026-12-01T00:30:00+01:00') })).allowed).toBe(false);
    expect(await checkAndCountMonthlyCap(cache, { accountKey: ACCOUNT, cap: 3, now: at('2026-12-01T00:00:00Z') })).toEqual({
      allowed: true,
      count: 1,
    });
  });

  it('resets across a year end too', async () => {
    const cache = new MemoryCache();
    await countUpTo(cache, 2, () => at('2026-12-31T12:00:00Z'));
    const blocked = await checkAndCountMonthlyCap(cache, { accountKey: ACCOUNT, cap: 2, now: at('2026-12-31T13:00:00Z') });
    expect(blocked).toMatchObject({ allowed: false, resetsOn: '2027-01-01', reachedOn: '2026-12-31' });
    expect(await checkAndCountMonthlyCap(cache, { accountKey: ACCOUNT, cap: 2, now: at('2027-01-01T00:00:00Z') })).toEqual({
      allowed: true,
      count: 1,
    });
  });

  it('keeps its keys until a few days after the month ends, with integer TTLs', async () => {
    const cache = new MemoryCache();
    await checkAndCountMonthlyCap(cache, { accountKey: ACCOUNT, cap: 50, now: at('2026-11-14T12:00:00Z') });
    // 14 Nov 12:00 → 4 Dec 00:00 (1 Dec plus 3 days) = 19.5 days.
    expect(cache.sets.map((s) => s.ttl)).toEqual([1_684_800, 1_684_800]);
    expect(cache.sets[0]!.nx).toBe(true); // the slot is claimed with set-if-absent
  });

  it('counts each account separately, case-insensitively, without putting the account in a key', async () => {
    const cache = new MemoryCache();
    const now = at('2026-11-14T12:00:00Z');
    await checkAndCountMonthlyCap(cache, { accountKey: ACCOUNT, cap: 5, now });
    expect(await checkAndCountMonthlyCap(cache, { accountKey: ` ${ACCOUNT.toUpperCase()} `, cap: 5, now })).toEqual({ allowed: true, count: 2 });
    expect(await checkAndCountMonthlyCap(cache, { accountKey: 'example.com', cap: 5, now })).toEqual({ allowed: true, count: 1 });
    for (const key of cache.store.keys()) {
      expect(key).not.toMatch(/youfibre|example\.com|@/i);
      expect(key).toMatch(/^tp:cap:v1:[0-9a-f]{32}:2026-11:(count|slot:\d+)$/);
    }
  });

  it('never lets more than the cap through when many runs start at once', async () => {
    const cache = new InterleavingCache();
    const now = at('2026-11-14T12:00:00Z');
    await countUpTo(cache, 4, () => now); // 4 of 10 already used
    const runs = await Promise.all(
      Array.from({ length: 12 }, () => checkAndCountMonthlyCap(cache, { accountKey: ACCOUNT, cap: 10, now })),
    );
    const allowed = runs.filter((r) => r.allowed);
    expect(allowed).toHaveLength(6);
    expect(allowed.map((r) => r.count).sort((a, b) => a - b)).toEqual([5, 6, 7, 8, 9, 10]);
    expect(runs.filter((r) => !r.allowed)).toHaveLength(6);
  });

  it('finds its place in a few reads when the count hint is lost', async () => {
    const cache = new MemoryCache();
    const now = at('2026-11-14T12:00:00Z');
    await countUpTo(cache, 300, () => now); // cap 300, all used…
    const base = [...cache.store.keys()].find((k) => k.endsWith(':count'))!;
    // …then slots 201-300 and the hint disappear (as if evicted), leaving 200 taken.
    for (let n = 201; n <= 300; n++) cache.store.delete(base.replace(':count', `:slot:${n}`));
    cache.store.delete(base);
    cache.gets = 0;
    expect(await checkAndCountMonthlyCap(cache, { accountKey: ACCOUNT, cap: 300, now })).toEqual({ allowed: true, count: 201 });
    expect(cache.gets).toBeLessThanOrEqual(2 * Math.ceil(Math.log2(300)) + 3);
  });

  it('works with a cache that ignores set-if-absent, like the appTester mock', async () => {
    const cache = new HarnessLikeCache();
    const now = at('2026-11-14T12:00:00Z');
    const results = await countUpTo(cache, 3, () => now);
    expect(results.map((r) => r.count)).toEqual([1, 2, 3]);
    cache.store.delete([...cache.store.keys()].find((k) => k.endsWith(':count'))!); // hint lost: slots must not be reused
    expect((await checkAndCountMonthlyCap(cache, { accountKey: ACCOUNT, cap: 3, now })).allowed).toBe(false);
  });

  it('works with the real z.cache of zapier-platform-core’s appTester', async () => {
    const appTester = createAppTester({ version: '0.0.0', platformVersion, triggers: {}, creates: {}, searches: {} });
    const run = (now: string) => appTester((z: ZObject) => checkAndCountMonthlyCap(z.cache, { accountKey: ACCOUNT, cap: 2, now: at(now) }));
    expect(await run('2026-11-10T09:00:00Z')).toEqual({ allowed: true, count: 1 });
    expect(await run('2026-11-11T09:00:00Z')).toEqual({ allowed: true, count: 2 });
    expect(await run('2026-11-12T09:00:00Z')).toEqual({
      allowed: false,
      count: 2,
      cap: 2,
      reachedOn: '2026-11-11',
      resetsOn: '2026-12-01',
    });
  });

  it.each(['get-throws', 'set-throws', 'set-throttled'] as const)(
    'refuses to send unchecked when the cache fails (%s), so Zapier can retry',
    async (mode) => {
      const cache = failingCache(mode);
      await expect(checkAndCountMonthlyCap(cache, { accountKey: ACCOUNT, cap: 5, now: at('2026-11-14T12:00:00Z') })).rejects.toThrow(
        CacheUnavailableError,
      );
      await expect(checkAndCountMonthlyCap(cache, { accountKey: ACCOUNT, cap: 5, now: at('2026-11-14T12:00:00Z') })).rejects.toThrow(
        /nothing was sent/,
      );
    },
  );

  it('still counts when only storing the hint fails', async () => {
    const cache = new MemoryCache();
    const original = cache.set.bind(cache);
    cache.set = async (key, value, ttl, scope, nx) => {
      if (key.endsWith(':count')) throw new Error('rpc failed');
      return original(key, value, ttl, scope, nx);
    };
    const now = at('2026-11-14T12:00:00Z');
    expect(await checkAndCountMonthlyCap(cache, { accountKey: ACCOUNT, cap: 5, now })).toEqual({ allowed: true, count: 1 });
    expect(await checkAndCountMonthlyCap(cache, { accountKey: ACCOUNT, cap: 5, now })).toEqual({ allowed: true, count: 2 });
  });

  it.each([0, -5, 2.5, Number.NaN])('rejects the cap %p naming monthly_cap', async (cap) => {
    const error = await checkAndCountMonthlyCap(new MemoryCache(), { accountKey: ACCOUNT, cap, now: new Date() }).catch((e) => e);
    expect(error).toBeInstanceOf(InputError);
    expect(error.field).toBe('Monthly Invitation Cap');
  });
});
