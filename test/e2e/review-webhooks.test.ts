/**
 * Every review webhook end to end: a change in the sandbox's Trustpilot, its delivery to a Zap's hook URL
 * (a loopback stand-in), and the hook trigger run on that request through Zapier's handler, checking the
 * review back with the sandbox's API.
 */
import { SALESFORCE } from '../../sandbox';
import { startHookCatcher, type HookCatcher } from '../../sandbox/zapier-hooks';
import { startE2E, type E2E } from './harness';

type Row = Record<string, unknown>;

describe('review webhooks, end to end through the real app and the sandbox', () => {
  let e2e: E2E;
  let catcher: HookCatcher;
  beforeAll(async () => {
    e2e = await startE2E();
    catcher = await startHookCatcher();
    e2e.sandbox.webhooks.subscribe(catcher.url);
  });
  afterAll(async () => {
    await catcher.close();
    await e2e.close();
  });

  /** Delivers what happened since the last delivery and runs the hook on what reached the Zap's URL. */
  const deliverTo = async (trigger: string, inputData: Record<string, unknown> = {}) => {
    const [delivery] = await e2e.sandbox.webhooks.deliver();
    expect(delivery).toMatchObject({ url: catcher.url, status: 200 });
    return e2e.runner.hook<Row[]>(`triggers.${trigger}`, catcher.received[catcher.received.length - 1]!, inputData);
  };

  it('follows one review from creation through an edit to its deletion, and a product review', async () => {
    const { story } = e2e.sandbox;
    const reference = SALESFORCE.opportunities.negotiation.id;
    const review = story.postServiceReview({ stars: 2, title: 'Tent arrived without poles', text: 'No poles.', consumerName: 'Priya Raman', referenceId: reference });

    const [created] = await deliverTo('new_service_review_instant');
    expect(created).toMatchObject({ id: review.id, stars: 2, reference_id: reference, verified: true, check_note: null });

    story.updateServiceReview(review.id, { stars: 4, text: 'The poles came two days later. Great trip.' });
    const updates = await deliverTo('updated_service_review_instant');
    expect(updates).toEqual([
      expect.objectContaining({
        id: `${review.id}@${String(updates[0]!.updated_at)}`,
        review_id: review.id,
        stars_before: 2,
        stars_after: 4,
        changes: 'Stars 2 → 4; text edited',
        verified: true,
      }),
    ]);

    story.deleteServiceReview(review.id);
    const deletions = await deliverTo('deleted_service_review_instant');
    // The event carries the id only; the reference number and stars come from what the app saw.
    expect(deletions).toEqual([expect.objectContaining({ id: review.id, reference_id: reference, stars: 4, seen_before: true, verified: true })]);

    const product = story.postProductReview({ stars: 5, content: 'Warm and light.', consumerName: 'Priya Raman', consumerEmail: 'priya.raman@alpinetrail.example', sku: 'SB-ALP-200', productName: 'Alpine 200 Sleeping Bag' });
    const products = await deliverTo('new_product_review_instant', { stars: ['4', '5'] });
    expect(products).toEqual([expect.objectContaining({ id: product.id, review_type: 'product', product_sku: 'SB-ALP-200', stars: 5, verified: true })]);

    // Each delivery is Trustpilot's envelope with the documented event name.
    expect(catcher.received.slice(-4).map((r) => (JSON.parse(r.content) as { events: Array<{ eventName: string }> }).events.map((e) => e.eventName))).toEqual([
      ['service-review-created'],
      ['service-review-updated'],
      ['service-review-deleted'],
      ['product-review-created'],
    ]);
  });

  it('passes nothing on from a forged or replayed delivery', async () => {
    const { webhooks } = e2e.sandbox;
    // A forged new review: the sandbox's Trustpilot has no such review.
    await webhooks.send(catcher.url, [
      { eventName: 'service-review-created', version: '1', eventData: { id: '5e0000000000000000000bad', stars: 1, title: 'Scam', text: 'Call us', createdAt: '2024-05-01T00:00:00Z' } },
    ]);
    expect(await e2e.runner.hook<Row[]>('triggers.new_service_review_instant', catcher.received[catcher.received.length - 1]!)).toEqual([]);

    // A forged deletion of a review that still exists.
    const existing = e2e.sandbox.story.postServiceReview({ stars: 5, title: 'Great', text: 'Great kit.', consumerName: 'Ola' });
    webhooks.discard();
    await webhooks.send(catcher.url, [{ eventName: 'service-review-deleted', version: '1', eventData: { id: existing.id } }]);
    expect(await e2e.runner.hook<Row[]>('triggers.deleted_service_review_instant', catcher.received[catcher.received.length - 1]!, { include_unknown: true })).toEqual([]);

    // The Zap's URL receives the same new review twice: the second is not emitted again. (The runner's cache is
    // zapier-platform-core's test mock, which ignores set-if-absent, so here it is the read before the lookup
    // that stops it; set-if-absent itself is tested with the stand-in cache in test/review-webhooks.)
    e2e.sandbox.story.postServiceReview({ stars: 3, title: 'Fine', text: 'Fine kit.', consumerName: 'Kai' });
    const [first] = await e2e.sandbox.webhooks.deliver();
    expect(first!.status).toBe(200);
    const request = catcher.received[catcher.received.length - 1]!;
    const calls = () => e2e.sandbox.state.journal.length;
    expect(await e2e.runner.hook<Row[]>('triggers.new_service_review_instant', request)).toHaveLength(1);
    const before = calls();
    expect(await e2e.runner.hook<Row[]>('triggers.new_service_review_instant', request)).toEqual([]);
    expect(calls()).toBe(before); // not even a lookup
  });

  it('shows samples in the Zap editor for every hook', async () => {
    for (const trigger of ['new_service_review_instant', 'updated_service_review_instant', 'deleted_service_review_instant', 'new_product_review_instant']) {
      const rows = await e2e.runner.sample<Row[]>(`triggers.${trigger}`);
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.every((r) => typeof r.id === 'string' && r.id !== '')).toBe(true);
    }
  });
});
