import nock from 'nock';

import { productReviewSample, serviceReviewSample } from '../../src/reviews/fields';
import { asAnyReviewRow } from '../../src/reviews/flatten';

/** A service review as the search returns it: every product field present and empty, so all results share one shape. */
const SERVICE_ROW = { ...serviceReviewSample, product_sku: null, product_name: null, product_url: null, product_id: null, conversation_id: null, state: null };
import productReview from '../fixtures/trustpilot/product-review.json';
import serviceReviews from '../fixtures/trustpilot/service-reviews.json';
import emptyPage from '../fixtures/trustpilot/service-reviews-empty.json';
import { appTester, authData, BUSINESS_UNIT_ID, caught, TRUSTPILOT_API, zapierError } from '../helpers';
import { searchPerform } from '../helpers/operations';

const find = (inputData: Record<string, unknown>) =>
  appTester(searchPerform('find_review'), { authData, inputData }) as Promise<Array<Record<string, unknown>>>;

const listPath = `/v1/private/business-units/${BUSINESS_UNIT_ID}/reviews`;
const janesReview = serviceReviews.reviews[0]!;
const notFound = { message: 'Not Found', errorCode: 404 };

describe('Find Review: service reviews', () => {
  it('finds a review by id', async () => {
    const scope = nock(TRUSTPILOT_API).get('/v1/private/reviews/664327a1f0e2b8c3d4e5f601').reply(200, janesReview);
    await expect(find({ review_id: '664327a1f0e2b8c3d4e5f601' })).resolves.toEqual([SERVICE_ROW]);
    expect(scope.isDone()).toBe(true);
  });

  it('accepts the review’s address instead of its id', async () => {
    nock(TRUSTPILOT_API).get('/v1/private/reviews/664327a1f0e2b8c3d4e5f601').reply(200, janesReview);
    await expect(find({ review_id: 'https://uk.trustpilot.com/reviews/664327a1f0e2b8c3d4e5f601?utm=x' })).resolves.toHaveLength(1);
  });

  it('returns nothing when Trustpilot has no review with that id', async () => {
    nock(TRUSTPILOT_API).get('/v1/private/reviews/664327a1f0e2b8c3d4e5f6ff').reply(404, notFound);
    await expect(find({ review_id: '664327a1f0e2b8c3d4e5f6ff', review_type: 'service' })).resolves.toEqual([]);
  });

  it('finds reviews by reference ID through Trustpilot’s filter, newest first', async () => {
    const scope = nock(TRUSTPILOT_API)
      .get(listPath)
      .query({ orderBy: 'createdat.desc', perPage: '10', referenceId: 'SO-104233' })
      .reply(200, { reviews: [janesReview] });
    await expect(find({ reference_id: ' SO-104233 ' })).resolves.toEqual([SERVICE_ROW]);
    expect(scope.isDone()).toBe(true);
  });

  it('returns nothing for an unknown reference ID', async () => {
    nock(TRUSTPILOT_API).get(listPath).query({ orderBy: 'createdat.desc', perPage: '10', referenceId: 'SO-000000' }).reply(200, emptyPage);
    await expect(find({ reference_id: 'SO-000000' })).resolves.toEqual([]);
  });

  it('finds reviews by customer email through Trustpilot’s filter', async () => {
    const scope = nock(TRUSTPILOT_API)
      .get(listPath)
      .query({ orderBy: 'createdat.desc', perPage: '10', referralEmail: 'jane.cooper@example.com' })
      .reply(200, { reviews: [janesReview] });
    await expect(find({ consumer_email: 'jane.cooper@example.com' })).resolves.toEqual([SERVICE_ROW]);
    expect(scope.isDone()).toBe(true);
  });

  it('returns nothing for an email without reviews', async () => {
    nock(TRUSTPILOT_API).get(listPath).query({ orderBy: 'createdat.desc', perPage: '10', referralEmail: 'nobody@example.com' }).reply(200, emptyPage);
    await expect(find({ consumer_email: 'nobody@example.com' })).resolves.toEqual([]);
  });

  it('combines reference ID and email, in the chosen business unit', async () => {
    const other = '5a1b2c3d4e5f60718293a4b5';
    const scope = nock(TRUSTPILOT_API)
      .get(`/v1/private/business-units/${other}/reviews`)
      .query({ orderBy: 'createdat.desc', perPage: '10', referenceId: 'SO-104233', referralEmail: 'jane.cooper@example.com' })
      .reply(200, emptyPage);
    await find({ reference_id: 'SO-104233', consumer_email: 'jane.cooper@example.com', business_unit_id: other });
    expect(scope.isDone()).toBe(true);
  });

  it('requires every filled-in field to match when looking up by id', async () => {
    nock(TRUSTPILOT_API).get('/v1/private/reviews/664327a1f0e2b8c3d4e5f601').times(3).reply(200, janesReview);
    await expect(find({ review_id: '664327a1f0e2b8c3d4e5f601', reference_id: 'SO-104233', consumer_email: 'Jane.Cooper@example.com' })).resolves.toHaveLength(1);
    await expect(find({ review_id: '664327a1f0e2b8c3d4e5f601', reference_id: 'SO-999999' })).resolves.toEqual([]);
    await expect(find({ review_id: '664327a1f0e2b8c3d4e5f601', consumer_email: 'someone.else@example.com' })).resolves.toEqual([]);
  });
});

describe('Find Review: product reviews', () => {
  it('finds a product review by id', async () => {
    const scope = nock(TRUSTPILOT_API).get('/v1/private/product-reviews/6650a1f2c3b4d5e6f7a8b9c0').reply(200, productReview);
    // A search row has the fields of both kinds: the service-only ones are empty for a product review.
    await expect(find({ review_type: 'product', review_id: '6650a1f2c3b4d5e6f7a8b9c0' })).resolves.toEqual([asAnyReviewRow(productReviewSample)]);
    expect(scope.isDone()).toBe(true);
  });

  it('returns nothing when Trustpilot has no product review with that id', async () => {
    nock(TRUSTPILOT_API).get('/v1/private/product-reviews/6650a1f2c3b4d5e6f7a8b9ff').reply(404, notFound);
    await expect(find({ review_type: 'product', review_id: '6650a1f2c3b4d5e6f7a8b9ff' })).resolves.toEqual([]);
  });

  it('checks reference ID and email against the product review found by id', async () => {
    nock(TRUSTPILOT_API).get('/v1/private/product-reviews/6650a1f2c3b4d5e6f7a8b9c0').twice().reply(200, productReview);
    await expect(find({ review_type: 'product', review_id: '6650a1f2c3b4d5e6f7a8b9c0', reference_id: 'SO-104250' })).resolves.toHaveLength(1);
    await expect(find({ review_type: 'product', review_id: '6650a1f2c3b4d5e6f7a8b9c0', consumer_email: 'jane.cooper@example.com' })).resolves.toEqual([]);
  });

  it.each([
    [{ reference_id: 'SO-104250' }, 'Reference Number: Trustpilot’s product review API cannot look product reviews up by Reference Number or email'],
    [{ consumer_email: 'sam.patel@example.com' }, 'Customer Email: Trustpilot’s product review API cannot look product reviews up by Reference Number or email'],
  ])('says product reviews cannot be looked up by %j, before any call', async (inputData, message) => {
    const err = await caught(() => find({ review_type: 'product', ...inputData }));
    expect(zapierError(err)).toEqual({ code: 'invalid_input', message: expect.stringContaining(message) });
  });
});

describe('Find Review: bad input, before any call', () => {
  it.each([
    [{}, 'Review ID, Reference Number or Customer Email: fill in at least one to look a review up.'],
    [{ review_id: '  ', reference_id: '', consumer_email: null }, 'Review ID, Reference Number or Customer Email: fill in at least one'],
    [{ review_id: '../reviews?x=1' }, 'Review ID: "../reviews?x=1" is not a Trustpilot review ID'],
    [{ consumer_email: 'jane.cooper' }, 'Customer Email: "jane.cooper" is not a valid email address'],
    [{ review_id: '664327a1f0e2b8c3d4e5f601', review_type: 'company' }, 'Review Type: "company" is not a review type'],
  ])('%j', async (inputData, message) => {
    const err = await caught(() => find(inputData));
    expect(zapierError(err)).toEqual({ code: 'invalid_input', message: expect.stringContaining(message) });
  });
});
