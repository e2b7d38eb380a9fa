/**
 * New Product Review against a Trustpilot whose product review list has no documented order: the sandbox
 * serves it oldest first by default, or newest first when told. The trigger must find the newest reviews
 * either way, within 4 calls a poll, and 1–2 calls once it knows the list.
 */
import { startE2E, type E2E } from './harness';

const LIST = 'GET /v1/private/product-reviews/business-units/:businessUnitId/reviews';

type Row = { id: string; created_at: string };
const product = { consumerEmail: 'customer@example.com', sku: 'TL2-TENT-GRN', productName: 'TrailLite 2 Tent' };

describe.each(['oldest-first', 'newest-first'] as const)('New Product Review with the list served %s', (order) => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E({ productReviewOrder: order, trustpilotRateLimit: false });
  });
  afterAll(() => e2e.close());

  const poll = async () => {
    const before = e2e.sandbox.state.calls[LIST] ?? 0;
    const rows = await e2e.runner.run<Row[]>('triggers.new_product_review');
    return { rows, calls: (e2e.sandbox.state.calls[LIST] ?? 0) - before };
  };
  const isNewestFirst = (rows: Row[]) => rows.every((r, i) => i === 0 || rows[i - 1]!.created_at >= r.created_at);

  it('finds new reviews among 10 pages of history, newest first, in at most 4 calls a poll and then 1–2', async () => {
    e2e.sandbox.story.addProductReviews(950);
    expect((await poll()).calls).toBeLessThanOrEqual(4);

    // Posted after the Zap was turned on: found within a few polls of at most 4 calls each.
    const ada = e2e.sandbox.story.postProductReview({ ...product, stars: 5, content: 'Great tent', consumerName: 'Ada Lovelace' });
    let rows: Row[] = [];
    for (let i = 0; i < 5 && !rows.some((r) => r.id === ada.id); i++) {
      const next = await poll();
      expect(next.calls).toBeLessThanOrEqual(4);
      rows = next.rows;
    }
    expect(rows[0]!.id).toBe(ada.id);
    expect(isNewestFirst(rows)).toBe(true);

    // Steady state: 1–2 calls.
    const grace = e2e.sandbox.story.postProductReview({ ...product, stars: 3, content: 'Fine', consumerName: 'Grace Hopper', createdAtMs: Date.now() + 1000 });
    const steady = await poll();
    expect(steady.rows[0]!.id).toBe(grace.id);
    expect(steady.rows.map((r) => r.id)).toContain(ada.id);
    expect(steady.calls).toBeGreaterThanOrEqual(1);
    expect(steady.calls).toBeLessThanOrEqual(2);

    // Enough new reviews to start a new page: all found, still at most 2 calls.
    const burst = Array.from({ length: 60 }, (_, i) =>
      e2e.sandbox.story.postProductReview({ ...product, stars: 4, content: `Burst ${i}`, consumerName: `Burst ${i}`, createdAtMs: Date.now() + (i + 2) * 1000 }),
    );
    const grown = await poll();
    expect(grown.calls).toBeLessThanOrEqual(2);
    expect(grown.rows[0]!.id).toBe(burst[59]!.id);
    expect(grown.rows.map((r) => r.id)).toEqual(expect.arrayContaining([...burst.map((r) => r.id), grace.id]));
    expect(isNewestFirst(grown.rows)).toBe(true);

    const quiet = await poll();
    expect(quiet.calls).toBeLessThanOrEqual(2);
    expect(quiet.rows[0]!.id).toBe(burst[59]!.id);
  });
});

describe('New Product Review with a long history served oldest first', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E({ trustpilotRateLimit: false });
  });
  afterAll(() => e2e.close());

  it('spreads the search for the last page over polls of at most 4 calls, and never fires the history', async () => {
    e2e.sandbox.story.addProductReviews(100 * 60, { endingMsAgo: 2 * 86_400_000 });
    const seen = new Set<string>();
    let posted: string | undefined;
    let found: Row[] = [];
    for (let i = 0; i < 10 && found.length === 0; i++) {
      const before = e2e.sandbox.state.calls[LIST] ?? 0;
      const rows = await e2e.runner.run<Row[]>('triggers.new_product_review');
      expect((e2e.sandbox.state.calls[LIST] ?? 0) - before).toBeLessThanOrEqual(4);
      for (const r of rows) seen.add(r.id);
      if (i === 0) {
        // Posted while the search is under way: it must be found when the search ends.
        posted = e2e.sandbox.story.postProductReview({ ...product, stars: 2, content: 'Zip broke', consumerName: 'Grace Hopper' }).id;
      }
      found = rows;
    }
    expect(found.map((r) => r.id)).toEqual([posted]);
    // Nothing from the history was ever output as new.
    expect([...seen]).toEqual([posted]);
  });
});
