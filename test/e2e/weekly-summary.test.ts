/**
 * The weekly summary Zap, end to end through the real app and the sandbox:
 *   Schedule by Zapier (every Monday) → Get Review Summary (Last 7 days) → Slack “Send Channel Message” (the Markdown digest).
 * The Schedule trigger and Slack are Zapier's own apps; the step in between is ours.
 */
import { TRUSTPILOT } from '../../sandbox';
import { connectionFields } from '../../sandbox/connection-fields';
import { startE2E, type E2E } from './harness';

type Row = Record<string, any>;
const REVIEWS = 'GET /v1/private/business-units/:businessUnitId/reviews';
const PRODUCT_REVIEWS = 'GET /v1/private/product-reviews/business-units/:businessUnitId/reviews';
const PROFILE = 'GET /v1/business-units/:businessUnitId';

describe('weekly summary: Schedule → Get Review Summary → Slack', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(() => e2e.close());
  beforeEach(async () => {
    await e2e.sandbox.reset();
    // Reset forgets the tokens: connect again, so a step's calls are counted without a refresh's repeat.
    await e2e.runner.connect(connectionFields(e2e.sandbox));
  });

  const calls = () => {
    const c = e2e.sandbox.state.calls;
    return (c[REVIEWS] ?? 0) + (c[PRODUCT_REVIEWS] ?? 0) + (c[PROFILE] ?? 0);
  };

  it('posts one summary of the last 7 days: TrustScore, new reviews by stars, product reviews, the oldest review awaiting a reply', async () => {
    e2e.sandbox.story.setTrustScore({ trustScore: 3.9, stars: 4 });
    const results = await e2e.runner.run<Row[]>('searches.get_review_summary', { period: 'last_7_days' });
    expect(results).toHaveLength(1);
    const summary = results[0]!;
    // The seed's last week: 5★ order review, 4★ answered, 2★ case review, 1★ German answered; two published product reviews;
    // unanswered overall: the 5★ and 2★ of this week, a Danish 5★ (9 days) and a French 4★ (20 days).
    expect(summary).toMatchObject({
      business_unit_id: TRUSTPILOT.businessUnit.id,
      business_unit_name: TRUSTPILOT.businessUnit.displayName,
      trust_score: 3.9,
      stars: 4,
      total_reviews: 8,
      new_service_reviews: '4',
      new_service_reviews_exact: true,
      new_five_stars: '1',
      new_four_stars: '1',
      new_three_stars: '0',
      new_two_stars: '1',
      new_one_star: '1',
      new_average_stars: 3,
      new_product_reviews: '2',
      awaiting_reply: '4',
      oldest_awaiting_reply_days: 20,
      oldest_awaiting_reply_url: `https://www.trustpilot.com/reviews/${TRUSTPILOT.reviews.frenchWithLocation}`,
      profile_url: `https://www.trustpilot.com/review/${TRUSTPILOT.businessUnit.domain}`,
      api_calls: 4,
    });
    expect(calls()).toBe(4);
    // What the Slack step posts.
    expect(summary.digest_markdown).toContain('TrustScore **3.9** (4 stars), 8 reviews in total');
    expect(summary.digest_markdown).toContain('New service reviews: **4** (5★ 1, 4★ 1, 3★ 0, 2★ 1, 1★ 1; average 3)');
    expect(summary.digest_markdown).toContain(`the oldest is 20 days old: [open it](https://www.trustpilot.com/reviews/${TRUSTPILOT.reviews.frenchWithLocation})`);
    expect(summary.digest_text.split('\n')[0]).toMatch(/^Trustpilot summary for Acme Outdoor Gear, last 7 days \(/);
  });

  it('a busy week counts up to 100 per star and says "100+" instead of crawling, within its bound of 10 calls', async () => {
    for (let i = 0; i < 130; i++) {
      e2e.sandbox.story.postServiceReview({ stars: i < 110 ? 5 : 3, title: `Review ${i}`, text: 'Fine.', consumerName: `Customer ${i}` });
    }
    const [summary] = await e2e.runner.run<Row[]>('searches.get_review_summary', { period: 'last_30_days' });
    expect(summary).toMatchObject({
      new_five_stars: '100+',
      new_three_stars: '21', // 20 new, and the seed's 3★ of 12 days ago
      new_one_star: '1',
      new_service_reviews_exact: false,
      awaiting_reply: '100+',
      new_average_stars: null,
    });
    // 130 new + the seed's 6 of the last 30 days: 5★ capped at 100, so the total reads as "at least".
    expect(summary!.new_service_reviews).toMatch(/^\d+\+$/);
    expect(summary!.new_service_reviews_count).toBeGreaterThanOrEqual(100);
    expect(summary!.api_calls).toBe(9);
    expect(calls()).toBe(9);
  });

  it('“Since a date” without a date is refused before any call, naming the field', async () => {
    await expect(e2e.runner.run('searches.get_review_summary', { period: 'since_date' })).rejects.toThrow(/Since: is required when Period is “Since a date”/);
    expect(calls()).toBe(0);
  });
});
