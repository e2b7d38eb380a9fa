import nock from 'nock';

import { normaliseBusinessUnitQuery } from '../../src/find-business-unit/find-business-unit';
import businessUnit from '../fixtures/trustpilot/business-unit.json';
import businessUnitOther from '../fixtures/trustpilot/business-unit-other.json';
import forbidden from '../fixtures/trustpilot/email-invitation-forbidden.json';
import unanswered from '../fixtures/trustpilot/private-reviews-unanswered.json';
import { appTester, authData, BUSINESS_UNIT_ID, caught, loggedLines, TRUSTPILOT_API, TRUSTPILOT_TOKEN, zapierError } from '../helpers';
import { searchPerform } from '../helpers/operations';

const perform = searchPerform('find_business_unit');
const NOW = '2026-11-24T09:15:42.250Z';
const THIRTY_DAYS_AGO = '2026-10-25T09:15:42'; // UTC, whole seconds, as in Trustpilot's examples

const search = (name: unknown) => appTester(perform, { authData, inputData: { name } }) as Promise<Array<Record<string, unknown>>>;

/** The public lookup takes only the API key: no bearer token goes to it. */
const expectFind = (name: string, status: number, body: unknown) =>
  nock(TRUSTPILOT_API, { reqheaders: { apikey: authData.trustpilot_api_key }, badheaders: ['authorization'] })
    .get('/v1/business-units/find')
    .query({ name })
    .reply(status, body as never);

const expectAwaitingReply = (id: string, status: number, body: unknown) =>
  nock(TRUSTPILOT_API, { reqheaders: { authorization: `Bearer ${TRUSTPILOT_TOKEN}` } })
    .get(`/v1/private/business-units/${id}/reviews`)
    .query({ responded: 'false', startDateTime: THIRTY_DAYS_AGO, perPage: '100' })
    .reply(status, body as never);

beforeEach(() => {
  jest.useFakeTimers({
    now: new Date(NOW),
    doNotFake: ['hrtime', 'nextTick', 'performance', 'queueMicrotask', 'setImmediate', 'clearImmediate', 'setInterval', 'clearInterval', 'setTimeout', 'clearTimeout'],
  });
});
afterEach(() => jest.useRealTimers());

describe('find_business_unit', () => {
  it('finds the business unit by domain, with scores, counts, profile URL and reviews awaiting reply', async () => {
    const find = expectFind('acme-outdoor.example', 200, businessUnit);
    const awaiting = expectAwaitingReply(BUSINESS_UNIT_ID, 200, unanswered);
    await expect(search('acme-outdoor.example')).resolves.toStrictEqual([
      {
        id: BUSINESS_UNIT_ID,
        name: 'Acme Outdoor Gear',
        domain: 'acme-outdoor.example',
        website_url: 'https://www.acme-outdoor.example',
        country: 'GB',
        status: 'active',
        trust_score: 4.3,
        stars: 4.5,
        reviews_total: 412,
        reviews_used_for_trustscore: 398,
        reviews_one_star: 9,
        reviews_two_stars: 6,
        reviews_three_stars: 21,
        reviews_four_stars: 66,
        reviews_five_stars: 310,
        profile_url: 'https://www.trustpilot.com/review/acme-outdoor.example',
        reviews_awaiting_reply: 2,
        reviews_awaiting_reply_capped: false,
        reviews_awaiting_reply_since: '2026-10-25T09:15:42Z',
      },
    ]);
    expect(find.isDone() && awaiting.isDone()).toBe(true);
  });

  it('says when the awaiting-reply count reached the one-page cap of 100', async () => {
    expectFind('acme-outdoor.example', 200, businessUnit);
    const hundred = Array.from({ length: 100 }, (_, i) => ({ ...unanswered.reviews[0], id: `6743a1f2e77911f2449ea${String(i).padStart(3, '0')}` }));
    expectAwaitingReply(BUSINESS_UNIT_ID, 200, { reviews: hundred, links: [] });
    const [unit] = await search('acme-outdoor.example');
    expect(unit).toMatchObject({ reviews_awaiting_reply: 100, reviews_awaiting_reply_capped: true });
  });

  it('finds another company’s unit, leaving the private figure empty when Trustpilot refuses it (403)', async () => {
    expectFind('acme-outdoor.example.de', 200, businessUnitOther);
    const refused = expectAwaitingReply(businessUnitOther.id, 403, forbidden);
    const [unit] = await search('https://acme-outdoor.example.de/shop?x=1'); // a pasted address
    expect(refused.isDone()).toBe(true);
    expect(unit).toMatchObject({
      id: businessUnitOther.id,
      name: 'Acme Outdoor Gear Deutschland',
      profile_url: 'https://www.trustpilot.com/review/acme-outdoor.example.de',
      reviews_awaiting_reply: null,
      reviews_awaiting_reply_capped: null,
      reviews_awaiting_reply_since: null,
    });
    expect(loggedLines()).toEqual([`Reviews awaiting reply not available for business unit ${businessUnitOther.id}: trustpilot_forbidden.`]);
  });

  it('returns an empty list for a miss (404)', async () => {
    expectFind('no-such-shop.example', 404, { message: 'Not found', errorCode: 404 });
    await expect(search('no-such-shop.example')).resolves.toEqual([]);
  });

  it('fails clearly when the private count fails for another reason, instead of hiding it', async () => {
    expectFind('acme-outdoor.example', 200, businessUnit);
    expectAwaitingReply(BUSINESS_UNIT_ID, 200, { unexpected: true });
    expect(zapierError(await caught(() => search('acme-outdoor.example'))).code).toBe('unexpected_response');
  });

  it('asks for a domain or name before any call', async () => {
    const { message, code } = zapierError(await caught(() => search('  ')));
    expect(code).toBe('invalid_input');
    expect(message).toMatch(/^Domain or Name: is required/);
  });

  it('turns a pasted address into the domain, and keeps a name as typed', () => {
    expect(normaliseBusinessUnitQuery('https://www.acme-outdoor.example/shop/tents?ref=1')).toBe('www.acme-outdoor.example');
    expect(normaliseBusinessUnitQuery('acme-outdoor.example/review')).toBe('acme-outdoor.example');
    expect(normaliseBusinessUnitQuery(' Acme Outdoor Gear ')).toBe('Acme Outdoor Gear');
  });
});
