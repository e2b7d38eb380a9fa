import {
  instantReviewOutputFields,
  instantReviewSample,
  productReviewOutputFields,
  productReviewSample,
  replyOutputFields,
  replySample,
  reviewOutputFields,
  serviceReviewSample,
} from '../../src/reviews/fields';
import { flattenProductReview, flattenServiceReview, isoDate, newestFirst, tagsText } from '../../src/reviews/flatten';
import { productReview, serviceReview } from '../../src/trustpilot/reviews';
import productReviewFixture from '../fixtures/trustpilot/product-review.json';
import serviceReviews from '../fixtures/trustpilot/service-reviews.json';

const keys = (fields: Array<{ key: string }>) => fields.map((f) => f.key).sort();
const [withReply, withoutReply, third] = serviceReviews.reviews.map((r) => serviceReview.parse(r));

describe('flattening a service review', () => {
  it('keeps a review with a company reply, tags and a location as flat fields', () => {
    // The sample is written by hand from this same review: it doubles as the expected row.
    expect(flattenServiceReview(withReply!)).toEqual(serviceReviewSample);
    expect(serviceReviewSample).toMatchObject({
      company_reply_text: 'Sorry about the poles, Jane: a new set is on its way.',
      company_reply_at: '2024-05-15T10:02:11Z', // Trustpilot sent it without a zone
      tags: 'generic:delivery, generic:support',
      location_id: '43f51215-a1fc-4c60-b6dd-e4afb6d7b831',
      location_name: 'Leeds Store',
      location_external_id: 'LDS-01',
      consumer_email: 'jane.cooper@example.com',
    });
  });

  it('gives nulls, not errors, for a review without a title, reply, tags, location or email', () => {
    expect(flattenServiceReview(withoutReply!)).toEqual({
      id: '6642f0b2a1c3d4e5f6a7b802',
      review_type: 'service',
      stars: 5,
      title: null,
      text: 'Great boots, fast delivery.',
      language: 'pl',
      created_at: '2024-05-13T19:04:55Z',
      updated_at: null,
      consumer_id: '5d8e9f0a1b2c3d4e5f6a7b8c',
      consumer_name: 'Marta Nowak',
      consumer_location: null,
      consumer_email: null,
      reference_id: null,
      is_verified: false,
      review_url: 'https://www.trustpilot.com/reviews/6642f0b2a1c3d4e5f6a7b802',
      company_reply_text: null,
      company_reply_at: null,
      tags: null,
      location_id: null,
      location_name: null,
      location_external_id: null,
      business_unit_id: '507f191e810c19729de860ea',
    });
  });

  it('reads the webhook’s names for the consumer and the location', () => {
    const row = flattenServiceReview(
      serviceReview.parse({ id: '53bffd360000640002975387', consumer: { id: 'c1', name: 'Customer' }, locationId: 'loc-1' }),
    );
    expect(row).toMatchObject({ consumer_name: 'Customer', location_id: 'loc-1', location_name: null });
  });

  it('has exactly the keys of its output fields, with no nested values', () => {
    const row = flattenServiceReview(third!);
    expect(Object.keys(row).sort()).toEqual(keys(reviewOutputFields));
    expect(Object.values(row).every((v) => v === null || typeof v !== 'object')).toBe(true);
  });
});

describe('flattening a product review', () => {
  it('maps the product, the conversation and the customer email', () => {
    expect(flattenProductReview(productReview.parse(productReviewFixture))).toEqual(productReviewSample);
    expect(productReviewSample).toMatchObject({
      product_sku: 'SB-ALP-200',
      product_name: 'Alpine 200 Sleeping Bag',
      consumer_email: 'sam.patel@example.com',
    });
    // Only service reviews have these: a product review row leaves them out instead of showing them empty.
    expect(productReviewSample).not.toHaveProperty('title');
    expect(productReviewSample).not.toHaveProperty('review_url');
  });

  it('has exactly the keys of its output fields', () => {
    expect(Object.keys(flattenProductReview(productReview.parse(productReviewFixture))).sort()).toEqual(keys(productReviewOutputFields));
  });
});

describe('samples match their output fields', () => {
  it.each([
    ['service review', serviceReviewSample, reviewOutputFields],
    ['product review', productReviewSample, productReviewOutputFields],
    ['instant review', instantReviewSample, instantReviewOutputFields],
    ['reply', replySample, replyOutputFields],
  ])('%s', (_name, sample, fields) => {
    expect(Object.keys(sample).sort()).toEqual(keys(fields));
  });
});

describe('helpers', () => {
  it('writes dates as ISO-8601 with a zone, whatever Trustpilot sent', () => {
    expect(isoDate('2013-09-07T13:37:00')).toBe('2013-09-07T13:37:00Z');
    expect(isoDate('2017-05-20T09:34:44.000Z')).toBe('2017-05-20T09:34:44Z');
    expect(isoDate('2024-05-20T17:45:03.123+02:00')).toBe('2024-05-20T15:45:03.123Z');
    expect(isoDate(null)).toBeNull();
    expect(isoDate('not a date')).toBe('not a date');
  });

  it('writes tags as group:value text', () => {
    expect(tagsText([{ group: 'generic', value: 'delivery' }, { group: null, value: 'vip' }, { group: 'x', value: '' }])).toBe('generic:delivery, vip');
    expect(tagsText([])).toBeNull();
  });

  it('orders rows newest first and puts undated rows last', () => {
    const row = (id: string, created_at: string | null) => ({ ...serviceReviewSample, id, created_at });
    expect(newestFirst([row('a', '2024-01-01T00:00:00Z'), row('b', null), row('c', '2024-03-01T00:00:00Z')]).map((r) => r.id)).toEqual(['c', 'a', 'b']);
  });
});
