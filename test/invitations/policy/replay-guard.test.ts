import { createAppTester, version as platformVersion, ZObject } from 'zapier-platform-core';

import { InputError } from '../../../src/errors/input-error';
import { KeyValueCache } from '../../../src/util/cache';
import {
  Claim,
  InvitationIdentity,
  claimOnce,
  inFlightMessage,
  invitationKey,
  release,
  remember,
} from '../../../src/invitations/policy/replay-guard';
import { HarnessLikeCache, InterleavingCache, MemoryCache, failingCache } from '../../helpers/caches';

const IDENTITY: InvitationIdentity = {
  businessUnit: '507f191e810c19729de860ea',
  referenceNumber: 'OPP-42',
  email: 'Jane.Doe@Example.com',
  type: 'email',
};
const KEY = invitationKey(IDENTITY);
const RESULT = { id: '81be73226625b8b765a020c20beb0f41', url: 'https://www.trustpilot.com/evaluate-link/81be73226625b8b765a020c20beb0f41' };

describe('invitationKey', () => {
  it('is a hash of the identity, with no email or reference in it', () => {
    expect(KEY).toMatch(/^tp:inv:v1:[0-9a-f]{64}$/);
    expect(KEY.toLowerCase()).not.toContain('jane');
    expect(KEY).not.toContain('OPP');
  });

  it('ignores surrounding spaces and the case of email, business unit and type', () => {
    expect(
      invitationKey({ businessUnit: ' 507F191E810C19729DE860EA ', referenceNumber: ' OPP-42\t', email: ' jane.doe@example.COM ', type: 'EMAIL' }),
    ).toBe(KEY);
  });

  it.each([
    ['business unit', { businessUnit: '507f191e810c19729de860eb' }],
    ['reference number', { referenceNumber: 'OPP-43' }],
    ['reference number case', { referenceNumber: 'opp-42' }],
    ['email', { email: 'john@example.com' }],
    ['type', { type: 'link' }],
  ])('changes with the %s', (_, change) => {
    expect(invitationKey({ ...IDENTITY, ...change })).not.toBe(KEY);
  });

  it('keeps the parts apart, so shifting a separator cannot collide', () => {
    const a = invitationKey({ ...IDENTITY, businessUnit: 'bu|x', referenceNumber: 'ref' });
    const b = invitationKey({ ...IDENTITY, businessUnit: 'bu', referenceNumber: 'x|ref' });
    expect(a).not.toBe(b);
  });

  it.each([
    ['businessUnit', 'business_unit_id'],
    ['referenceNumber', 'reference_number'],
    ['email', 'consumer_email'],
    ['type', 'type'],
  ])('requires %s, naming %s', (part, field) => {
    try {
      invitationKey({ ...IDENTITY, [part]: '  ' });
      throw new Error('expected a throw');
    } catch (error) {
      expect(error).toBeInstanceOf(InputError);
      expect((error as InputError).field).toBe(field);
    }
  });
});

describe('claimOnce and remember', () => {
  it('claims a new invitation with set-if-absent and a 24-hour TTL', async () => {
    const cache = new MemoryCache();
    expect(await claimOnce(cache, KEY)).toEqual({ duplicate: false, guarded: true });
    expect(cache.sets).toEqual([{ key: KEY, value: { state: 'claimed', at: expect.any(String) }, ttl: 86_400, nx: true }]);
  });

  it('answers a replay with the first run’s result', async () => {
    const cache = new MemoryCache();
    await claimOnce(cache, KEY);
    expect(await remember(cache, KEY, RESULT)).toBe(true);
    const replay = await claimOnce<typeof RESULT>(cache, KEY);
    expect(replay).toEqual({ duplicate: true, inFlight: false, previous: RESULT, claimedAt: expect.any(String) });
    // The replay wrote nothing: the stored result is intact for the next replay too.
    expect(cache.sets.filter((s) => s.nx)).toHaveLength(1);
    expect(await claimOnce(cache, KEY)).toMatchObject({ duplicate: true, previous: RESULT });
  });

  it('remembers an empty result as null, still a finished run', async () => {
    const cache = new MemoryCache();
    await claimOnce(cache, KEY);
    await remember(cache, KEY, undefined);
    expect(await claimOnce(cache, KEY)).toMatchObject({ duplicate: true, inFlight: false, previous: null });
  });

  it('reports a replay that meets an unfinished first run as in flight, and sends nothing', async () => {
    const cache = new MemoryCache();
    await claimOnce(cache, KEY);
    const replay = await claimOnce(cache, KEY);
    expect(replay).toEqual({ duplicate: true, inFlight: true, previous: undefined, claimedAt: expect.any(String) });
    expect(inFlightMessage(replay as { claimedAt?: string })).toMatch(
      /^This invitation \(same business unit, reference number, email and type\) was already started at \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ, and its outcome is not known yet, so it was not sent again\./,
    );
  });

  it('treats an unrecognised value under the key as taken', async () => {
    const cache = new MemoryCache();
    await cache.set(KEY, 'something else');
    expect(await claimOnce(cache, KEY)).toMatchObject({ duplicate: true, inFlight: true });
  });

  it('catches a replay on a cache that ignores set-if-absent (the appTester mock), by reading first', async () => {
    const cache = new HarnessLikeCache();
    expect(await claimOnce(cache, KEY)).toEqual({ duplicate: false, guarded: true });
    expect(await claimOnce(cache, KEY)).toMatchObject({ duplicate: true, inFlight: true });
    await remember(cache, KEY, RESULT);
    expect(await claimOnce(cache, KEY)).toMatchObject({ duplicate: true, previous: RESULT });
  });

  it('works with the real z.cache of zapier-platform-core’s appTester', async () => {
    const appTester = createAppTester({ version: '0.0.0', platformVersion, triggers: {}, creates: {}, searches: {} });
    const step = async (z: ZObject) => {
      const claim = await claimOnce<typeof RESULT>(z.cache, KEY);
      if (claim.duplicate) return { replayed: true, result: claim.previous };
      await remember(z.cache, KEY, RESULT);
      return { replayed: false, result: RESULT };
    };
    expect(await appTester(step, {}, true)).toEqual({ replayed: false, result: RESULT });
    expect(await appTester(step)).toEqual({ replayed: true, result: RESULT });
  });

  it('lets exactly one of two racing runs send when the cache honours set-if-absent', async () => {
    const cache = new InterleavingCache();
    const claims: Claim[] = await Promise.all([claimOnce(cache, KEY), claimOnce(cache, KEY), claimOnce(cache, KEY)]);
    expect(claims.filter((c) => !c.duplicate)).toEqual([{ duplicate: false, guarded: true }]);
    expect(claims.filter((c) => c.duplicate)).toHaveLength(2);
  });

  it('still reports the loser of a race as a duplicate when the re-read fails', async () => {
    const cache = new MemoryCache();
    await cache.set(KEY, { state: 'claimed', at: '2026-11-14T10:00:00.000Z' });
    let reads = 0;
    const racing: KeyValueCache = {
      get: async () => (reads++ === 0 ? null : Promise.reject(new Error('rpc failed'))), // saw nothing, then fails
      set: (key, value, ttl, scope, nx) => cache.set(key, value, ttl, scope, nx), // nx refuses: someone holds it
    };
    expect(await claimOnce(racing, KEY)).toEqual({ duplicate: true, inFlight: true, previous: undefined });
  });

  it.each(['get-throws', 'set-throws', 'set-throttled'] as const)(
    'never blocks sending when the cache fails (%s): unguarded, with a reason',
    async (mode) => {
      const claim = await claimOnce(failingCache(mode), KEY);
      expect(claim).toEqual({ duplicate: false, guarded: false, reason: expect.stringMatching(/cache/) });
    },
  );

  it('makes remember best effort: false instead of a throw when the cache fails', async () => {
    expect(await remember(failingCache('set-throws'), KEY, RESULT)).toBe(false);
    expect(await remember(failingCache('set-throttled'), KEY, RESULT)).toBe(false);
    // A value that cannot be JSON-encoded (z.cache rejects it) must not fail the step either.
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    expect(await remember(new MemoryCache(), KEY, circular)).toBe(false);
  });

  it('lets a replay send again after release, which is for failures that certainly sent nothing', async () => {
    const cache = new MemoryCache();
    await claimOnce(cache, KEY);
    expect(await release(cache, KEY)).toBe(true);
    expect(await claimOnce(cache, KEY)).toEqual({ duplicate: false, guarded: true });
    expect(await release({ get: cache.get.bind(cache), set: cache.set.bind(cache) }, KEY)).toBe(false); // no delete
  });

  it('accepts z.cache as it is typed', () => {
    const typed: KeyValueCache = {} as ZObject['cache'];
    expect(typed).toBeDefined();
  });
});
