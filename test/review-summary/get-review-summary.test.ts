/** "Get Review Summary" against Trustpilot's documented shapes (business unit profile, private review lists), with nock. */
import nock from 'nock';

import { getReviewSummary } from '../../src/review-summary/summary';
import businessUnit from '../fixtures/trustpilot/business-unit.json';
import forbidden from '../fixtures/trustpilot/error-forbidden.json';
import productReviews from '../fixtures/trustpilot/product-reviews.json';
import serviceReviews from '../fixtures/trustpilot/service-reviews.json';
import unanswered from '../fixtures/trustpilot/private-reviews-unanswered.json';
import { appTester, authData, BUSINESS_UNIT_ID, caught, TRUSTPILOT_API, zapierError } from '../helpers';
import { searchPerform } from '../helpers/operations';

const perform = searchPerform('get_review_summary');
const NOW = new Date('2026-11-24T09:00:00Z');
const WEEK_AGO = '2026-11-17T09:00:00';
const UNTIL = '2026-11-24T09:00:00';
const run = (inputData: Record<string, unknown>) =>
  appTester((z, bundle) => getReviewSummary(z, bundle, NOW), { authData, inputData }) as Promise<Array<Record<string, any>>>;

const reviewsPath = `/v1/private/business-units/${BUSINESS_UNIT_ID}/reviews`;
const productPath = `/v1/private/product-reviews/business-units/${BUSINESS_UNIT_ID}/reviews`;
const at = (iso: string) => ({ createdAt: iso });

const profile = () => nock(TRUSTPILOT_API, { badheaders: ['authorization'] }).get(`/v1/business-units/${BUSINESS_UNIT_ID}`).reply(200, businessUnit);
const newReviews = (body: unknown, extra: Record<string, string> = {}) =>
  nock(TRUSTPILOT_API).get(reviewsPath).query({ orderBy: 'createdat.desc', perPage: '100', startDateTime: WEEK_AGO, endDateTime: UNTIL, ...extra }).reply(200, body as never);
const awaiting = (body: unknown) => nock(TRUSTPILOT_API).get(reviewsPath).query({ orderBy: 'createdat.asc', perPage: '100', responded: 'false' }).reply(200, body as never);
const products = (status: number, body: unknown, page?: number) =>
  nock(TRUSTPILOT_API).get(productPath).query(page ? { page: String(page), perPage: '100' } : { perPage: '100' }).reply(status, body as never);

describe('Get Review Summary', () => {
  it('summarises the last 7 days in four calls: profile, new reviews, reviews awaiting reply, product reviews', async () => {
    const scopes = [
      profile(),
      newReviews(serviceReviews),
      awaiting(unanswered),
      products(200, { ...productReviews, productReviews: productReviews.productReviews.map((r, i) => ({ ...r, ...at(i < 3 ? '2026-11-20T10:00:00Z' : '2026-11-01T10:00:00Z') })) }),
    ];
    const [summary, ...more] = await run({ period: 'last_7_days' });
    for (const scope of scopes) expect(scope.isDone()).toBe(true);
    expect(more).toEqual([]);
    expect(summary).toMatchObject({
      id: `${BUSINESS_UNIT_ID}:2026-11-17T09:00:00Z:2026-11-24T09:00:00Z`,
      period: 'last_7_days',
      period_start: '2026-11-17T09:00:00Z',
      period_end: '2026-11-24T09:00:00Z',
      trust_score: 4.3,
      stars: 4.5,
      total_reviews: 412,
      new_service_reviews: '3',
      new_service_reviews_count: 3,
      new_service_reviews_exact: true,
      new_five_stars: '1',
      new_four_stars: '1',
      new_two_stars: '1',
      new_one_star: '0',
      new_average_stars: 3.7,
      new_product_reviews: '3',
      awaiting_reply: '2',
      awaiting_reply_count: 2,
      oldest_awaiting_reply_at: '2026-11-20T08:12:44Z',
      oldest_awaiting_reply_days: 4,
      oldest_awaiting_reply_url: 'https://www.trustpilot.com/reviews/6743a1f2e77911f2449e9f74',
      api_calls: 4,
    });
    expect(summary!.digest_text).toBe(
      'Trustpilot summary for Acme Outdoor Gear, last 7 days (17 Nov 2026 – 24 Nov 2026)\n' +
        'TrustScore 4.3 (4.5 stars), 412 reviews in total\n' +
        'New service reviews: 3 (5★ 1, 4★ 1, 3★ 0, 2★ 1, 1★ 0; average 3.7)\n' +
        'New product reviews: 3\n' +
        'Awaiting a reply: 2; the oldest is 4 days old: https://www.trustpilot.com/reviews/6743a1f2e77911f2449e9f74\n' +
        'Profile: https://www.trustpilot.com/review/acme-outdoor.example',
    );
    expect(summary!.digest_markdown).toContain('- Awaiting a reply: **2**; the oldest is 4 days old: [open it](https://www.trustpilot.com/reviews/6743a1f2e77911f2449e9f74)');
  });

  it('a full page of new reviews switches to one call per star, and a capped star reads "100+"', async () => {
    const hundred = (stars: number) => ({ reviews: Array.from({ length: 100 }, (_, i) => ({ ...serviceReviews.reviews[0], id: `r${stars}-${i}`, stars })) });
    const few = (stars: number, n: number) => ({ reviews: Array.from({ length: n }, (_, i) => ({ ...serviceReviews.reviews[0], id: `r${stars}-${i}`, stars })) });
    profile();
    newReviews(hundred(5));
    newReviews(few(1, 2), { stars: '1' });
    newReviews(few(2, 0), { stars: '2' });
    newReviews(few(3, 4), { stars: '3' });
    newReviews(few(4, 30), { stars: '4' });
    newReviews(hundred(5), { stars: '5' });
    awaiting({ reviews: [] });
    products(200, { productReviews: Array.from({ length: 100 }, (_, i) => ({ ...productReviews.productReviews[0], id: `p${i}`, ...at('2026-11-20T10:00:00Z') })) });
    products(200, { productReviews: Array.from({ length: 100 }, (_, i) => ({ ...productReviews.productReviews[0], id: `q${i}`, ...at('2026-11-20T10:00:00Z') })) }, 2);
    const [summary] = await run({ period: 'last_7_days' });
    expect(summary).toMatchObject({
      new_service_reviews: '136+',
      new_service_reviews_count: 136,
      new_service_reviews_exact: false,
      new_one_star: '2',
      new_two_stars: '0',
      new_three_stars: '4',
      new_four_stars: '30',
      new_five_stars: '100+',
      new_average_stars: null,
      new_product_reviews: '200+',
      awaiting_reply: '0',
      oldest_awaiting_reply_url: null,
      oldest_awaiting_reply_days: null,
      api_calls: 10,
    });
    expect(summary!.digest_text).toContain('Awaiting a reply: 0\n');
  });

  it('without product reviews for this connection (403) the count is empty and the digest says so', async () => {
    profile();
    newReviews({ reviews: [] });
    awaiting(unanswered);
    products(403, forbidden);
    const [summary] = await run({ period: 'last_7_days' });
    expect(summary).toMatchObject({ new_product_reviews: null, new_product_reviews_count: null, new_service_reviews: '0' });
    expect(summary!.digest_text).toContain('New service reviews: none\nNew product reviews: not available for this connection\n');
  });

  it('“Since a date” counts from midnight UTC of that date', async () => {
    profile();
    nock(TRUSTPILOT_API).get(reviewsPath).query({ orderBy: 'createdat.desc', perPage: '100', startDateTime: '2026-11-01T00:00:00', endDateTime: UNTIL }).reply(200, { reviews: [] });
    awaiting({ reviews: [] });
    products(200, { productReviews: [] });
    const [summary] = await run({ period: 'since_date', since: '2026-11-01' });
    expect(summary).toMatchObject({ period: 'since_date', period_start: '2026-11-01T00:00:00Z' });
    expect(summary!.digest_text.split('\n')[0]).toBe('Trustpilot summary for Acme Outdoor Gear, since 1 Nov 2026');
  });

  it.each([
    [{ period: 'last_year' }, /^Period: "last_year" is not one of/],
    [{ period: 'since_date' }, /^Since: is required when Period is “Since a date”/],
    [{ period: 'since_date', since: 'last tuesday' }, /^Since: "last tuesday" is not a date/],
    [{ period: 'since_date', since: '2027-01-01' }, /^Since: 2027-01-01T00:00:00Z is in the future/],
    [{ period: 'last_7_days', business_unit_id: 'acme' }, /^Business Unit: "acme" is not a Trustpilot business unit id/],
  ])('bad input fails before any call: %j', async (input, message) => {
    const err = await caught(() => appTester(perform, { authData, inputData: input }));
    expect(zapierError(err)).toMatchObject({ code: 'invalid_input', message: expect.stringMatching(message) });
  });
});
