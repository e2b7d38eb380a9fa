/** What the review triggers and Log Review in Salesforce remember for the deleted and updated review hooks, and what it costs. */
import nock from 'nock';
import type { Bundle, ZObject } from 'zapier-platform-core';

import { MAX_REMEMBERED_PER_POLL, previousVersion, recall, remember, rememberPolled } from '../../src/review-webhooks/memory';
import serviceReviews from '../fixtures/trustpilot/service-reviews.json';
import { failingCache, MemoryCache } from '../helpers/caches';
import { appTester, authData, BUSINESS_UNIT_ID, TRUSTPILOT_API } from '../helpers';
import { createPerform, triggerFunction } from '../helpers/operations';
import { interceptQueries, fixture } from '../helpers/salesforce';

// An end-to-end file run earlier in the same jest worker restores the real network (nock.restore()); intercept again.
beforeAll(() => {
  nock.restore();
  nock.activate();
  nock.disableNetConnect();
});

const withCache = <T>(fn: (z: ZObject, b: Bundle) => Promise<T>, bundle: object, cache: unknown) =>
  appTester(
    async (z: ZObject, b: Bundle) => {
      (z as unknown as { cache: unknown }).cache = cache;
      return fn(z, b);
    },
    bundle,
    true,
  ) as Promise<T>;

const seen = (reviewId: string, stars: number, updatedAt: string | null = null) => ({
  reviewId,
  businessUnitId: BUSINESS_UNIT_ID,
  stars,
  referenceId: 'SO-1',
  title: 'T',
  text: 'X',
  replied: false,
  updatedAt,
});

it('keeps the version before the current one, so an update seen first by another step still shows what changed', async () => {
  const cache = new MemoryCache();
  await remember(cache, seen('r1', 2), new Date(), () => undefined);
  const edited = seen('r1', 4, '2024-05-18T09:12:40Z');
  await remember(cache, edited, new Date(), () => undefined);
  const remembered = await recall(cache, BUSINESS_UNIT_ID, 'r1', () => undefined);
  expect(previousVersion(remembered, edited)?.stars).toBe(2);
  // No review text is stored, only a short hash of it.
  expect(JSON.stringify([...cache.store.values()])).not.toContain('"X"');
  expect(cache.sets.every((s) => s.ttl === 90 * 86_400)).toBe(true);
});

/** The review memory's own cache traffic: the Trustpilot rate budget shares z.cache and is tested on its own. */
const memorySets = (cache: MemoryCache) => cache.sets.filter((s) => !s.key.startsWith('trustpilot-budget:'));
const memoryGets = (cache: MemoryCache) => cache.getKeys.filter((k) => !k.startsWith('trustpilot-budget:')).length;

it('a poll remembers only reviews new since the last poll, at most a bounded number, and none while loading samples', async () => {
  const cache = new MemoryCache();
  nock(TRUSTPILOT_API).get(`/v1/private/business-units/${BUSINESS_UNIT_ID}/reviews`).query(true).times(3).reply(200, serviceReviews);
  const poll = triggerFunction('new_service_review');

  await withCache(poll, { authData, inputData: {}, meta: { isLoadingSample: true } }, cache);
  expect(memorySets(cache)).toEqual([]);

  await withCache(poll, { authData, inputData: {} }, cache);
  const firstWrites = memorySets(cache).length;
  expect(firstWrites).toBe(Math.min(serviceReviews.reviews.length, MAX_REMEMBERED_PER_POLL) + 1); // reviews + the watermark
  expect(await recall(cache, BUSINESS_UNIT_ID, serviceReviews.reviews[0]!.id, () => undefined)).toMatchObject({ stars: serviceReviews.reviews[0]!.stars });

  // The same page again: one cache read, no writes.
  const gets = memoryGets(cache);
  await withCache(poll, { authData, inputData: {} }, cache);
  expect(memorySets(cache).length).toBe(firstWrites);
  expect(memoryGets(cache) - gets).toBe(1);
});

it('a poll still returns its reviews when the cache fails', async () => {
  nock(TRUSTPILOT_API).get(`/v1/private/business-units/${BUSINESS_UNIT_ID}/reviews`).query(true).reply(200, serviceReviews);
  const rows = await withCache(triggerFunction('new_service_review'), { authData, inputData: {} }, failingCache('get-throws'));
  expect((rows as unknown[]).length).toBe(serviceReviews.reviews.length);
});

it('Log Review in Salesforce remembers the review’s reference number and stars for the connection’s business unit', async () => {
  const cache = new MemoryCache();
  interceptQueries(
    { body: fixture('log-review-order-found.json') },
    // The org's closed Task statuses, read before the Task is created.
    { body: { totalSize: 1, done: true, records: [{ attributes: { type: 'TaskStatus' }, ApiName: 'Completed' }] } },
  );
  nock('https://acme.my.salesforce.com').post(/\/sobjects\/Task$/).reply(201, fixture('task-created.json'));
  await withCache(
    createPerform('log_review_in_salesforce'),
    { authData, inputData: { review_id: 'r9', reference_id: '00000107', stars: 3, title: 'Fine', text: 'ok', record_type: 'Order' } },
    cache,
  );
  expect(await recall(cache, BUSINESS_UNIT_ID, 'r9', () => undefined)).toMatchObject({ referenceId: '00000107', stars: 3, replied: null });
});
