import nock from 'nock';

import { serviceReviewSample } from '../../src/reviews/fields';
import serviceReviews from '../fixtures/trustpilot/service-reviews.json';
import emptyPage from '../fixtures/trustpilot/service-reviews-empty.json';
import { appTester, authData, BUSINESS_UNIT_ID, caught, TRUSTPILOT_API, TRUSTPILOT_TOKEN, zapierError } from '../helpers';
import { triggerFunction } from '../helpers/operations';

const perform = triggerFunction('new_service_review');
const listBusinessUnits = triggerFunction('business_unit_list');
const path = `/v1/private/business-units/${BUSINESS_UNIT_ID}/reviews`;
const poll = (inputData: Record<string, unknown> = {}, meta?: Record<string, unknown>) =>
  appTester(perform, { authData, inputData, ...(meta ? { meta } : {}) }) as Promise<Array<Record<string, unknown>>>;

describe('New Service Review', () => {
  it('asks for the newest 100 reviews in one call and returns them newest first, with the review ids', async () => {
    const scope = nock(TRUSTPILOT_API, { reqheaders: { authorization: `Bearer ${TRUSTPILOT_TOKEN}`, apikey: authData.trustpilot_api_key } })
      .get(path)
      .query({ orderBy: 'createdat.desc', perPage: '100' })
      .reply(200, serviceReviews);

    const rows = await poll();

    expect(scope.isDone()).toBe(true);
    expect(rows.map((r) => r.id)).toEqual(['664327a1f0e2b8c3d4e5f601', '6642f0b2a1c3d4e5f6a7b802', '6641a9c3b2d4e5f6a7b8c903']);
    expect(rows[0]).toEqual(serviceReviewSample);
  });

  it('sends every filter to Trustpilot as a query parameter', async () => {
    const scope = nock(TRUSTPILOT_API)
      .get(path)
      .query({ orderBy: 'createdat.desc', perPage: '100', stars: '1,2', language: 'en', responded: 'false' })
      .reply(200, emptyPage);

    await expect(poll({ stars: ['2', '1'], language: 'EN', only_unanswered: true })).resolves.toEqual([]);
    expect(scope.isDone()).toBe(true);
  });

  it.each([
    ['one star rating', { stars: ['5'] }, { stars: '5' }],
    ['star ratings mapped as text', { stars: '4, 5' }, { stars: '4,5' }],
    ['a language', { language: 'da' }, { language: 'da' }],
    ['only reviews awaiting reply, as Zapier sends a mapped boolean', { only_unanswered: 'true' }, { responded: 'false' }],
    ['unanswered unticked: every review', { only_unanswered: 'false', stars: [], language: '' }, {}],
  ])('%s', async (_name, inputData, query) => {
    const scope = nock(TRUSTPILOT_API)
      .get(path)
      .query({ orderBy: 'createdat.desc', perPage: '100', ...query })
      .reply(200, emptyPage);
    await poll(inputData);
    expect(scope.isDone()).toBe(true);
  });

  it('reads another business unit when one is chosen', async () => {
    const other = '5a1b2c3d4e5f60718293a4b5';
    const scope = nock(TRUSTPILOT_API)
      .get(`/v1/private/business-units/${other}/reviews`)
      .query({ orderBy: 'createdat.desc', perPage: '100' })
      .reply(200, emptyPage);
    await poll({ business_unit_id: ` ${other} ` });
    expect(scope.isDone()).toBe(true);
  });

  it('treats an empty page as no new reviews', async () => {
    nock(TRUSTPILOT_API).get(path).query(true).reply(200, emptyPage);
    await expect(poll()).resolves.toEqual([]);
  });

  it('tolerates a body without a reviews list', async () => {
    nock(TRUSTPILOT_API).get(path).query(true).reply(200, { links: [] });
    await expect(poll()).resolves.toEqual([]);
  });

  it('returns a few real reviews while the Zap editor loads samples', async () => {
    nock(TRUSTPILOT_API).get(path).query({ orderBy: 'createdat.desc', perPage: '100' }).reply(200, serviceReviews);
    const rows = await poll({}, { isLoadingSample: true });
    expect(rows.map((r) => r.id)).toEqual(['664327a1f0e2b8c3d4e5f601', '6642f0b2a1c3d4e5f6a7b802', '6641a9c3b2d4e5f6a7b8c903']);
  });

  it('returns the sample while loading samples on an account without reviews', async () => {
    nock(TRUSTPILOT_API).get(path).query(true).reply(200, emptyPage);
    await expect(poll({}, { isLoadingSample: true })).resolves.toEqual([serviceReviewSample]);
  });

  it.each([
    [{ stars: ['6'] }, 'Stars: "6" is not a star rating'],
    [{ stars: ['three'] }, 'Stars: "three" is not a star rating'],
    [{ language: 'English' }, 'Language: "English" is not a language code'],
    [{ only_unanswered: 'maybe' }, 'Only Reviews Awaiting Reply: "maybe" is not yes or no'],
    [{ business_unit_id: 'acme-outdoor.example' }, 'Business Unit: "acme-outdoor.example" is not a Trustpilot business unit id'],
    [{ business_unit_id: ['507f191e810c19729de860ea', '507f191e810c19729de860eb'] }, 'Business Unit: must be one value, not a list'],
    [{ language: 'zz-ZZ' }, 'Language: "zz-ZZ" is not a language code'],
    [{ language: { value: 'en' } }, 'Language: must be text, not a group of fields'],
    [{ stars: [{ value: '5' }] }, 'Stars: must be a list of star ratings or comma-separated text, not a list holding a group of fields'],
    [{ only_unanswered: 'yess' }, 'Only Reviews Awaiting Reply: "yess" is not yes or no'],
  ])('rejects bad input %j before any call', async (inputData, message) => {
    // nock allows no request here: a call would fail with a network error instead of this one.
    const err = await caught(() => poll(inputData));
    expect(zapierError(err).code).toBe('invalid_input');
    expect(zapierError(err).message).toContain(message);
  });

  it('explains a review that breaks the expected shape instead of crashing', async () => {
    nock(TRUSTPILOT_API).get(path).query(true).reply(200, { reviews: [{ stars: 5, title: 'no id' }] });
    const err = await caught(() => poll());
    expect(zapierError(err)).toMatchObject({ code: 'unexpected_response' });
    expect(zapierError(err).message).toContain('field "reviews.0.id"');
  });
});

describe('Business Unit dropdown', () => {
  it('offers the connection’s business unit, by name and domain, without an API call', async () => {
    const rows = await appTester(listBusinessUnits, { authData });
    expect(rows).toEqual([{ id: BUSINESS_UNIT_ID, name: 'Acme Outdoor Gear (acme-outdoor.example)' }]);
  });

  it('asks to connect the Trustpilot API when the connection has none', async () => {
    const err = await caught(() =>
      appTester(listBusinessUnits, { authData: { ...authData, trustpilot_api_key: '', trustpilot_access_token: '' } }),
    );
    expect(zapierError(err).code).toBe('trustpilot_not_connected');
  });
});
