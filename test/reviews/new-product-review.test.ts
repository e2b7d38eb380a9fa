import nock from 'nock';

import { productReviewSample } from '../../src/reviews/fields';
import productReviews from '../fixtures/trustpilot/product-reviews.json';
import emptyPage from '../fixtures/trustpilot/product-reviews-empty.json';
import { appTester, authData, BUSINESS_UNIT_ID, caught, TRUSTPILOT_API, zapierError } from '../helpers';
import { triggerFunction } from '../helpers/operations';

const perform = triggerFunction('new_product_review');
const path = `/v1/private/product-reviews/business-units/${BUSINESS_UNIT_ID}/reviews`;
const poll = (inputData: Record<string, unknown> = {}, meta?: Record<string, unknown>) =>
  appTester(perform, { authData, inputData, ...(meta ? { meta } : {}) }, true) as Promise<Array<Record<string, unknown>>>;

describe('New Product Review', () => {
  it('reads page 1 and, when it is the newest page, returns it newest first in one call, with the review ids', async () => {
    const scope = nock(TRUSTPILOT_API).get(path).query({ page: '1', perPage: '100' }).reply(200, productReviews);

    const rows = await poll();

    expect(scope.isDone()).toBe(true);
    // Trustpilot documents no order for this list, so the page is sorted by creation time here.
    expect(rows.map((r) => [r.id, r.created_at])).toEqual([
      ['6650a1f2c3b4d5e6f7a8b9c0', '2024-05-20T17:45:03Z'],
      ['664b00000000000000000102', '2024-05-19T12:30:00Z'],
      ['664a00000000000000000101', '2024-05-18T09:00:00Z'],
      ['664900000000000000000100', '2024-05-17T08:10:00Z'],
    ]);
    expect(rows[0]).toEqual(productReviewSample);
    expect(rows[1]).toMatchObject({ product_sku: 'HL-400', conversation_id: '66a0c0ffee0000000000c001', language: 'es' });
    expect(rows[3]).toMatchObject({ product_url: null, consumer_email: null, reference_id: null });
  });

  it('sends the SKU to Trustpilot, which can filter by it', async () => {
    const scope = nock(TRUSTPILOT_API).get(path).query({ page: '1', perPage: '100', sku: 'SB-ALP-200' }).reply(200, emptyPage);
    await expect(poll({ sku: ' SB-ALP-200 ' })).resolves.toEqual([]);
    expect(scope.isDone()).toBe(true);
  });

  it('filters stars after the one call, because Trustpilot has no stars filter for product reviews', async () => {
    // No stars parameter reaches Trustpilot: the query must be exactly this.
    const scope = nock(TRUSTPILOT_API).get(path).query({ page: '1', perPage: '100' }).reply(200, productReviews);

    const rows = await poll({ stars: ['1', '2'] });

    expect(scope.isDone()).toBe(true);
    expect(rows.map((r) => [r.id, r.stars])).toEqual([
      ['664a00000000000000000101', 1],
      ['664900000000000000000100', 2],
    ]);
  });

  it('keeps the filter while the Zap editor loads samples, and falls back to the sample', async () => {
    nock(TRUSTPILOT_API).get(path).query({ page: '1', perPage: '100' }).reply(200, productReviews);
    await expect(poll({ stars: ['5'] }, { isLoadingSample: true })).resolves.toEqual([
      expect.objectContaining({ id: '664b00000000000000000102', stars: 5 }),
    ]);

    nock(TRUSTPILOT_API).get(path).query({ page: '1', perPage: '100' }).reply(200, productReviews);
    await expect(poll({ stars: ['3'] }, { isLoadingSample: true })).resolves.toEqual([productReviewSample]);
  });

  it('returns at most three real reviews as samples', async () => {
    nock(TRUSTPILOT_API).get(path).query(true).reply(200, productReviews);
    await expect(poll({}, { isLoadingSample: true })).resolves.toHaveLength(3);
  });

  it('treats an empty page as no new reviews', async () => {
    nock(TRUSTPILOT_API).get(path).query(true).reply(200, emptyPage);
    await expect(poll()).resolves.toEqual([]);
  });

  it('rejects a bad star rating before any call', async () => {
    const err = await caught(() => poll({ stars: ['0'] }));
    expect(zapierError(err)).toMatchObject({ code: 'invalid_input', message: expect.stringContaining('Stars: "0"') });
  });
});
