/**
 * The review webhook triggers and the guarded delivery handling they share: forged, replayed, oversized and
 * unknown-event bodies, the business unit check, bounded lookups and per-event failures. z.cache is the
 * stand-in that honours set-if-absent, as production does (the appTester mock ignores it).
 */
import nock from 'nock';
import type { Bundle, ZObject } from 'zapier-platform-core';

import { MAX_BODY_BYTES, MAX_LOOKUPS_PER_DELIVERY } from '../../src/review-webhooks/delivery';
import { remember } from '../../src/review-webhooks/memory';
import review62 from '../fixtures/trustpilot/private-review-62c8968be77911f2449e9f74.json';
import productReview from '../fixtures/trustpilot/product-review.json';
import batch from '../fixtures/trustpilot/webhook-review-events.json';
import { failingCache, MemoryCache } from '../helpers/caches';
import { appTester, authData, BUSINESS_UNIT_ID, caught, TRUSTPILOT_API, zapierError } from '../helpers';
import { triggerFunction } from '../helpers/operations';

type Row = Record<string, unknown>;
const OTHER_UNIT = '5a0000000000000000000b2b';
const REVIEW = '62c8968be77911f2449e9f74';

const { trustpilot_api_key: _key, trustpilot_api_secret: _secret, trustpilot_access_token: _token, ...linksOnlyAuthData } = authData;

const hookBundle = (body: unknown, inputData: Record<string, unknown> = {}, auth: Record<string, string> = authData) => {
  const content = typeof body === 'string' ? body : JSON.stringify(body);
  return {
    authData: auth,
    inputData,
    cleanedRequest: typeof body === 'string' ? {} : { ...(body as object), querystring: {} },
    rawRequest: { method: 'POST', querystring: '', headers: { 'Content-Type': 'application/json' }, content },
  };
};

/** Runs a trigger's perform with the given cache as z.cache, collecting what it logged. */
const run = (key: string, bundle: object, cache: unknown = new MemoryCache()) =>
  appTester(
    async (z: ZObject, b: Bundle) => {
      const logs: string[] = [];
      jest.spyOn(z.console, 'log').mockImplementation((...args: unknown[]) => {
        logs.push(args.join(' '));
      });
      (z as unknown as { cache: unknown }).cache = cache;
      const rows = (await triggerFunction(key)(z, b)) as Row[];
      return { rows, logs };
    },
    bundle,
    true,
  ) as Promise<{ rows: Row[]; logs: string[] }>;

const event = (eventName: string, eventData: object) => ({ eventName, version: '1', eventData });
const created = batch.events[2]!;
const updated = (data: object = {}) => event('service-review-updated', { ...created.eventData, ...data });
const deleted = (id: string) => event('service-review-deleted', { id });
const productCreated = batch.events[4]!;

describe('Updated Service Review', () => {
  it('emits one row per update, with an id of review and update time, and what changed since the version the app saw', async () => {
    const cache = new MemoryCache();
    // The polling trigger saw the 2-star version without a reply.
    await remember(
      cache,
      { reviewId: REVIEW, businessUnitId: BUSINESS_UNIT_ID, stars: 2, referenceId: 'XELeKJriAxDQq3ps', title: 'Bad', text: 'Awful', replied: false, updatedAt: null },
      new Date('2024-05-01T00:00:00Z'),
      () => undefined,
    );
    const edited = { ...review62, stars: 4, updatedAt: '2024-05-18T09:12:40Z', companyReply: { text: 'Thanks!', createdAt: '2024-05-17T08:00:00Z' } };
    nock(TRUSTPILOT_API).get(`/v1/private/reviews/${REVIEW}`).reply(200, edited);

    const { rows } = await run('updated_service_review_instant', hookBundle({ events: [updated({ stars: 4 })] }), cache);

    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      id: `${REVIEW}@2024-05-18T09:12:40Z`,
      review_id: REVIEW,
      stars: 4,
      stars_before: 2,
      stars_after: 4,
      stars_changed: true,
      title_changed: true,
      text_changed: true,
      reply_status: 'replied',
      reply_changed: true,
      seen_before: true,
      changes: 'Stars 2 → 4; title edited; text edited; company reply added',
      reference_id: 'XELeKJriAxDQq3ps',
      verified: true,
      check_note: null,
    });

    // A second update of the same review is a new row; what changed is measured from the version just emitted.
    nock(TRUSTPILOT_API).get(`/v1/private/reviews/${REVIEW}`).reply(200, { ...edited, stars: 5, updatedAt: '2024-05-19T10:00:00Z' });
    const second = await run('updated_service_review_instant', hookBundle({ events: [updated()] }), cache);
    expect(second.rows.map((r) => [r.id, r.stars_before, r.stars_after, r.changes])).toEqual([[`${REVIEW}@2024-05-19T10:00:00Z`, 4, 5, 'Stars 4 → 5']]);
  });

  it('says what changed is not known when the app never saw the review, and ignores other events', async () => {
    nock(TRUSTPILOT_API).get(`/v1/private/reviews/${REVIEW}`).reply(200, { ...review62, updatedAt: '2024-05-18T09:12:40Z' });
    const { rows, logs } = await run('updated_service_review_instant', hookBundle({ events: [created, updated(), deleted(REVIEW)] }));
    expect(rows).toEqual([
      expect.objectContaining({ stars_before: null, stars_changed: null, seen_before: false, changes: 'Not known: the app had not seen an earlier version of this review' }),
    ]);
    expect(logs).toContain('Ignored 2 webhook event(s) other than service-review-updated.');
  });

  it('is not emitted again when the same update is delivered twice, even with a forged update time', async () => {
    const cache = new MemoryCache();
    const copy = { ...review62, updatedAt: '2024-05-18T09:12:40Z' };
    nock(TRUSTPILOT_API).get(`/v1/private/reviews/${REVIEW}`).times(2).reply(200, copy);
    const first = await run('updated_service_review_instant', hookBundle({ events: [updated({ updatedAt: '2024-05-18T09:12:40Z' })] }), cache);
    expect(first.rows).toHaveLength(1);

    // The exact replay is recognised before any lookup.
    const replay = await run('updated_service_review_instant', hookBundle({ events: [updated({ updatedAt: '2024-05-18T09:12:40Z' })] }), cache);
    expect(replay.rows).toEqual([]);
    expect(replay.logs).toContain(`Skipped review ${REVIEW}: this event was delivered before.`);

    // A replay with a made-up update time costs a lookup, then Trustpilot's own update time gives it away.
    const disguised = await run('updated_service_review_instant', hookBundle({ events: [updated({ updatedAt: '2030-01-01T00:00:00Z' })] }), cache);
    expect(disguised.rows).toEqual([]);
    expect(disguised.logs).toContain(`Skipped ${REVIEW}@2024-05-18T09:12:40Z: this event was delivered before.`);
    expect(nock.isDone()).toBe(true);
  });

  it('applies the star and language filters to Trustpilot’s copy, not the webhook’s', async () => {
    nock(TRUSTPILOT_API).get(`/v1/private/reviews/${REVIEW}`).times(2).reply(200, { ...review62, updatedAt: '2024-05-18T09:12:40Z' });
    const lying = updated({ stars: 1 });
    const { rows, logs } = await run('updated_service_review_instant', hookBundle({ events: [lying] }, { stars: ['1', '2'] }));
    expect(rows).toEqual([]);
    expect(logs).toContain(`Review ${REVIEW} has 4 stars, not one of 1, 2: not passed on.`);
    const german = await run('updated_service_review_instant', hookBundle({ events: [lying] }, { language: 'de' }));
    expect(german.rows).toEqual([]);
  });

  it('refuses bad filter input before any call, naming the field', async () => {
    const err = await caught(() => run('updated_service_review_instant', hookBundle({ events: [updated()] }, { stars: '7' })));
    expect(zapierError(err).message).toMatch(/^Stars: "7" is not a star rating/);
    const lang = await caught(() => run('new_product_review_instant', hookBundle({ events: [productCreated] }, { language: 'english!' })));
    expect(zapierError(lang).message).toMatch(/^Language: /);
  });
});

describe('Deleted Service Review', () => {
  it('names the reference number and stars of a review the app saw, once Trustpilot confirms it is gone', async () => {
    const cache = new MemoryCache();
    await remember(
      cache,
      { reviewId: REVIEW, businessUnitId: BUSINESS_UNIT_ID, stars: 1, referenceId: 'SO-104233', title: 'x', text: 'y', replied: false, updatedAt: null },
      new Date('2024-05-15T10:02:11Z'),
      () => undefined,
    );
    nock(TRUSTPILOT_API).get(`/v1/private/reviews/${REVIEW}`).reply(404, { message: 'Review not found' });
    const { rows } = await run('deleted_service_review_instant', hookBundle({ events: [deleted(REVIEW)] }), cache);
    expect(rows).toEqual([
      {
        id: REVIEW,
        review_id: REVIEW,
        deleted_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
        reference_id: 'SO-104233',
        stars: 1,
        business_unit_id: BUSINESS_UNIT_ID,
        seen_before: true,
        last_seen_at: '2024-05-15T10:02:11Z',
        verified: true,
        check_note: null,
      },
    ]);
  });

  it('skips a forged deletion of a review Trustpilot still has', async () => {
    nock(TRUSTPILOT_API).get(`/v1/private/reviews/${REVIEW}`).reply(200, review62);
    const { rows, logs } = await run('deleted_service_review_instant', hookBundle({ events: [deleted(REVIEW)] }, { include_unknown: true }));
    expect(rows).toEqual([]);
    expect(logs).toContain(`Skipped review ${REVIEW}: Trustpilot still has this review, so the deletion event was forged.`);
  });

  it('passes on deletions of reviews it never saw only when asked to', async () => {
    const unknown = '5f9a8b7c6d5e4f3a2b1c0d9e';
    nock(TRUSTPILOT_API).get(`/v1/private/reviews/${unknown}`).times(2).reply(404, { message: 'Review not found' });
    const quiet = await run('deleted_service_review_instant', hookBundle({ events: [deleted(unknown)] }));
    expect(quiet.rows).toEqual([]);
    expect(quiet.logs[0]).toMatch(/the app never saw it/);
    const loud = await run('deleted_service_review_instant', hookBundle({ events: [deleted(unknown)] }, { include_unknown: 'true' }));
    expect(loud.rows).toEqual([expect.objectContaining({ id: unknown, reference_id: null, stars: null, seen_before: false, verified: true })]);
  });

  it('does not find a review remembered for another business unit', async () => {
    const cache = new MemoryCache();
    await remember(cache, { reviewId: REVIEW, businessUnitId: OTHER_UNIT, stars: 1, referenceId: 'X-1', title: null, text: null, replied: null, updatedAt: null }, new Date(), () => undefined);
    nock(TRUSTPILOT_API).get(`/v1/private/reviews/${REVIEW}`).reply(404, { message: 'Review not found' });
    const { rows } = await run('deleted_service_review_instant', hookBundle({ events: [deleted(REVIEW)] }), cache);
    expect(rows).toEqual([]);
  });
});

describe('New Product Review (Instant)', () => {
  it('emits Trustpilot’s copy of a published product review of the connection’s business unit', async () => {
    nock(TRUSTPILOT_API).get('/v1/private/product-reviews/6650a1f2c3b4d5e6f7a8b9c0').reply(200, productReview);
    const { rows } = await run('new_product_review_instant', hookBundle(batch));
    expect(rows).toEqual([expect.objectContaining({ id: '6650a1f2c3b4d5e6f7a8b9c0', review_type: 'product', product_sku: productReview.product.sku, verified: true, check_note: null })]);
  });

  it('skips a product review of another business unit, and one not published', async () => {
    nock(TRUSTPILOT_API)
      .get('/v1/private/product-reviews/6650a1f2c3b4d5e6f7a8b9c0')
      .reply(200, { ...productReview, businessUnitId: OTHER_UNIT })
      .get('/v1/private/product-reviews/6650a1f2c3b4d5e6f7a8b9c0')
      .reply(200, { ...productReview, state: 'underModeration' });
    const other = await run('new_product_review_instant', hookBundle({ events: [productCreated] }));
    expect(other.rows).toEqual([]);
    expect(other.logs).toContain('Skipped review 6650a1f2c3b4d5e6f7a8b9c0: it belongs to another business unit than this connection’s.');
    const moderated = await run('new_product_review_instant', hookBundle({ events: [productCreated] }));
    expect(moderated.rows).toEqual([]);
  });

  it('without API access, emits the webhook’s data marked not checked', async () => {
    const { rows } = await run('new_product_review_instant', hookBundle({ events: [productCreated] }, {}, linksOnlyAuthData));
    expect(rows).toEqual([expect.objectContaining({ id: '6650a1f2c3b4d5e6f7a8b9c0', stars: 4, verified: false, check_note: expect.stringMatching(/^Not checked/) })]);
  });
});

describe('every review hook’s guarded delivery', () => {
  it('passes on a new service review only when it belongs to the connection’s business unit', async () => {
    nock(TRUSTPILOT_API).get(`/v1/private/reviews/${REVIEW}`).reply(200, { ...review62, businessUnit: { id: OTHER_UNIT } });
    const { rows, logs } = await run('new_service_review_instant', hookBundle({ events: [created] }));
    expect(rows).toEqual([]);
    expect(logs).toContain(`Skipped review ${REVIEW}: it belongs to another business unit than this connection’s.`);
  });

  it('does not emit a replayed delivery again, even when two arrive at once', async () => {
    const cache = new MemoryCache();
    nock(TRUSTPILOT_API).get(`/v1/private/reviews/${REVIEW}`).times(2).reply(200, review62);
    const [a, b] = await Promise.all([
      run('new_service_review_instant', hookBundle({ events: [created] }), cache),
      run('new_service_review_instant', hookBundle({ events: [created] }), cache),
    ]);
    expect([...a.rows, ...b.rows].map((r) => r.id)).toEqual([REVIEW]);
    expect(cache.sets.filter((s) => s.key.startsWith('tp:hook:v1:new_service_review_instant:')).every((s) => s.nx === true)).toBe(true);
  });

  it('still emits when the cache cannot tell whether it is a replay, and says so in the log', async () => {
    nock(TRUSTPILOT_API).get(`/v1/private/reviews/${REVIEW}`).reply(200, review62);
    const { rows, logs } = await run('new_service_review_instant', hookBundle({ events: [created] }), failingCache('set-throttled'));
    expect(rows.map((r) => r.id)).toEqual([REVIEW]);
    expect(logs).toContain(`The Zapier cache did not answer, so a repeat of ${REVIEW} could not be ruled out; passing it on.`);
  });

  it(`looks up at most ${MAX_LOOKUPS_PER_DELIVERY} reviews per delivery and reports the rest as not checked`, async () => {
    const ids = Array.from({ length: 13 }, (_, i) => `62c8968be77911f2449e9f${(10 + i).toString(16).padStart(2, '0')}`);
    const scope = nock(TRUSTPILOT_API)
      .get(/\/v1\/private\/reviews\/.*/)
      .times(MAX_LOOKUPS_PER_DELIVERY)
      .reply(200, (uri) => ({ ...review62, id: uri.split('/').pop() }));
    const { rows } = await run('new_service_review_instant', hookBundle({ events: ids.map((id) => event('service-review-created', { ...created.eventData, id })) }));
    expect(scope.isDone()).toBe(true);
    expect(rows).toHaveLength(13);
    expect(rows.slice(0, 10).every((r) => r.verified === true)).toBe(true);
    expect(rows.slice(10)).toEqual(
      ids.slice(10).map((id) => expect.objectContaining({ id, verified: false, stars: null, text: null, check_note: expect.stringMatching(/^Not looked up: this delivery named 13 reviews/) })),
    );
  });

  it('confines a failing lookup to its own event, repeating nothing from the body', async () => {
    const forgedId = '62c8968be77911f2449e9f99';
    nock(TRUSTPILOT_API)
      .get(`/v1/private/reviews/${forgedId}`)
      .times(3)
      .reply(500, { message: 'boom' })
      .get(`/v1/private/reviews/${REVIEW}`)
      .reply(200, review62);
    const hostile = event('service-review-created', { ...created.eventData, id: forgedId, text: 'SECRET-BODY-TEXT' });
    const { rows } = await run('new_service_review_instant', hookBundle({ events: [hostile, created] }));
    expect(rows.map((r) => [r.id, r.verified])).toEqual([
      [forgedId, false],
      [REVIEW, true],
    ]);
    expect(rows[0]!.check_note).toMatch(/^Could not be checked with Trustpilot/);
    expect(JSON.stringify(rows)).not.toContain('SECRET-BODY-TEXT');
  });

  it('refuses an oversized body without reading it, and repeats nothing of it', async () => {
    const huge = JSON.stringify({ events: [{ ...created, eventData: { ...created.eventData, text: 'SECRET'.repeat(MAX_BODY_BYTES / 4) } }] });
    const err = await caught(() => run('updated_service_review_instant', hookBundle(huge)));
    expect(zapierError(err).code).toBe('invalid_webhook_body');
    expect(zapierError(err).message).toMatch(/^The webhook request body is \d+ KB/);
    expect(zapierError(err).message).not.toContain('SECRET');

    // The same when Zapier hands over only its parse of the body.
    const { rawRequest: _raw, ...parsedOnly } = { ...hookBundle(JSON.parse(huge)) };
    const parsedErr = await caught(() => run('new_product_review_instant', parsedOnly));
    expect(zapierError(parsedErr).message).toMatch(/^The webhook request body is \d+ KB/);
  });

  it.each([
    ['new_service_review_instant'],
    ['updated_service_review_instant'],
    ['deleted_service_review_instant'],
    ['new_product_review_instant'],
  ])('%s ignores unknown events and makes no call for them', async (key) => {
    const { rows, logs } = await run(key, hookBundle({ events: [event('review-exploded', { id: REVIEW }), event('', { id: REVIEW }), { nonsense: true }] }));
    expect(rows).toEqual([]);
    expect(logs[0]).toMatch(/^Ignored 3 webhook event\(s\) other than /);
  });

  it('lets a stale token fail the whole delivery, so Zapier refreshes the connection and runs it again', async () => {
    nock(TRUSTPILOT_API).get(`/v1/private/reviews/${REVIEW}`).reply(401, { fault: { faultstring: 'Invalid access token' } });
    const err = await caught(() => run('new_service_review_instant', hookBundle({ events: [created] })));
    expect(err.name).toBe('RefreshAuthError');
  });

  it('without API access: updates are the webhook’s data, and a deletion names only a review the app saw for this business unit', async () => {
    const cache = new MemoryCache();
    const upd = await run('updated_service_review_instant', hookBundle({ events: [updated()] }, {}, linksOnlyAuthData), cache);
    expect(upd.rows).toEqual([expect.objectContaining({ review_id: REVIEW, stars: 4, verified: false, check_note: expect.stringMatching(/^Not checked/) })]);

    await remember(cache, { reviewId: REVIEW, businessUnitId: BUSINESS_UNIT_ID, stars: 4, referenceId: 'SO-7', title: null, text: null, replied: null, updatedAt: null }, new Date(), () => undefined);
    const del = await run('deleted_service_review_instant', hookBundle({ events: [deleted(REVIEW), deleted('5f9a8b7c6d5e4f3a2b1c0d9e')] }, {}, linksOnlyAuthData), cache);
    expect(del.rows).toEqual([expect.objectContaining({ id: REVIEW, reference_id: 'SO-7', stars: 4, verified: false })]);
  });

  it('fails clearly on a body that is not JSON, without repeating it', async () => {
    const bundle = { ...hookBundle('events=SECRET-FORM'), rawRequest: { method: 'POST', headers: { 'Content-Type': 'text/plain; x=<script>' }, content: 'events=SECRET-FORM' } };
    const err = await caught(() => run('deleted_service_review_instant', bundle));
    expect(zapierError(err).message).toBe(
      'The webhook request body is not JSON (Content-Type: text/plain), so it is not a Trustpilot review webhook. ' +
        'Paste this Zap’s URL only into Trustpilot Business → Integrations → Developers → Webhooks.',
    );
  });
});
