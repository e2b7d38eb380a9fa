import { ManualClock } from '../../sandbox/clock';
import { ZapierCache } from '../../sandbox/zapier-cache';
import { startZapierFiles, type ZapierFiles } from '../../sandbox/zapier-files';

/** z.cache's stand-in must be as strict as Zapier's service: set-if-absent and TTLs honoured (core's own mock honours neither). */
describe('the sandbox’s z.cache stand-in', () => {
  it('answers false to set-if-absent on a key that exists, and stores otherwise', () => {
    const cache = new ZapierCache();
    expect(cache.set('claim', '"first"', 60, true)).toBe(true);
    expect(cache.set('claim', '"second"', 60, true)).toBe(false);
    expect(cache.get('claim')).toBe('"first"');
    expect(cache.set('claim', '"third"', 60, false)).toBe(true); // a plain set overwrites
    expect(cache.get('claim')).toBe('"third"');
  });

  it('forgets a key once its TTL has passed, so it can be claimed again', () => {
    const clock = new ManualClock();
    const cache = new ZapierCache(clock);
    cache.set('tick', '1', 2, true);
    clock.advance(1_999);
    expect(cache.get('tick')).toBe('1');
    expect(cache.set('tick', '2', 2, true)).toBe(false);
    clock.advance(1);
    expect(cache.get('tick')).toBeNull();
    expect(cache.set('tick', '2', 2, true)).toBe(true);
    expect(cache.delete('tick')).toBe(true);
    expect(cache.delete('tick')).toBe(false);
  });

  describe('over RPC, as zapier-platform-core calls it', () => {
    let files: ZapierFiles;
    beforeAll(async () => {
      files = await startZapierFiles();
    });
    afterAll(() => files.close());

    const rpc = async (storeKey: string, method: string, ...params: unknown[]) => {
      const res = await fetch(files.rpcUrl, { method: 'POST', body: JSON.stringify({ id: 'x', storeKey, method, params }) });
      return ((await res.json()) as { result: unknown }).result;
    };

    it('lets exactly one of many concurrent set-if-absent calls win, per account', async () => {
      const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => rpc('account-a', 'zcache_set', 'slot', JSON.stringify(i), 60, null, true)));
      expect(answers.filter((a) => a === true)).toHaveLength(1);
      expect(await rpc('account-b', 'zcache_set', 'slot', '"b"', 60, null, true)).toBe(true); // another account's cache
      expect(files.cache('account-a').calls.set).toBe(20);
    });
  });
});
