import nock from 'nock';

import { instantReviewSample } from '../../src/reviews/fields';
import { performInstant } from '../../src/reviews/instant';
import review53 from '../fixtures/trustpilot/private-review-53bffd360000640002975387.json';
import review62 from '../fixtures/trustpilot/private-review-62c8968be77911f2449e9f74.json';
import serviceReviews from '../fixtures/trustpilot/service-reviews.json';
import emptyPage from '../fixtures/trustpilot/service-reviews-empty.json';
import batch from '../fixtures/trustpilot/webhook-review-events.json';
import { appTester, authData, BUSINESS_UNIT_ID, caught, TRUSTPILOT_API, zapierError } from '../helpers';
import { triggerFunction } from '../helpers/operations';

const perform = triggerFunction('new_service_review_instant');
const performList = triggerFunction('new_service_review_instant', 'performList');

/** A connection made only for Business Generated Links: no Trustpilot API access. */
const { trustpilot_api_key: _key, trustpilot_api_secret: _secret, trustpilot_access_token: _token, ...linksOnlyAuthData } = authData;

/** What Zapier hands a hook's perform for a JSON POST: the parsed body (plus querystring) and the raw request. */
const hookBundle = (body: unknown, auth: Record<string, string> = authData) => {
  const content = JSON.stringify(body);
  return {
    authData: auth,
    inputData: {},
    cleanedRequest: { ...(body as object), querystring: {} },
    rawRequest: {
      method: 'POST',
      querystring: '',
      headers: { 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(content)) },
      content,
    },
  };
};

/** Each delivery starts with an empty z.cache, so one test's delivery is not a replay in the next. */
const receive = (bundle: object) => appTester(perform, bundle, true) as Promise<Array<Record<string, unknown>>>;

/** Runs the core directly to see what it logged. */
const receiveWithLogs = (bundle: object) =>
  appTester(async (z, b) => {
    const logs: string[] = [];
    jest.spyOn(z.console, 'log').mockImplementation((...args: unknown[]) => {
      logs.push(args.join(' '));
    });
    return { rows: await performInstant(z, b), logs };
  }, bundle, true) as Promise<{ rows: Array<Record<string, unknown>>; logs: string[] }>;

const createdEvent = (eventData: object) => ({ eventName: 'service-review-created', version: '1', eventData });

describe('New Service Review (Instant)', () => {
  it('runs once per service-review-created event of a batch, with Trustpilot’s own copy of each review', async () => {
    const scope = nock(TRUSTPILOT_API)
      .get('/v1/private/reviews/53bffd360000640002975387')
      .reply(200, review53)
      .get('/v1/private/reviews/62c8968be77911f2449e9f74')
      .reply(200, review62);

    const rows = await receive(hookBundle(batch));

    // Updated, deleted and product events are ignored; nothing else was called.
    expect(scope.isDone()).toBe(true);
    expect(rows.map((r) => r.id)).toEqual(['53bffd360000640002975387', '62c8968be77911f2449e9f74']);
    expect(rows[0]).toEqual({
      id: '53bffd360000640002975387',
      review_type: 'service',
      stars: 5,
      title: 'Great service',
      text: 'Nothing other than excellent customer service.',
      language: 'en',
      created_at: '2017-05-20T09:34:44Z',
      updated_at: null,
      consumer_id: '53bffc3900006400017e5db8',
      consumer_name: 'Customer',
      consumer_location: 'Aarhus, DK',
      consumer_email: 'customer@example.com', // from the API: the webhook never carries it
      reference_id: 'ABC-123-xyz',
      is_verified: true,
      review_url: 'https://www.trustpilot.com/reviews/53bffd360000640002975387',
      company_reply_text: null,
      company_reply_at: null,
      tags: 'Generic:Tag value',
      location_id: '43f51215-a1fc-4c60-b6dd-e4afb6d7b831',
      location_name: 'Leeds Store',
      location_external_id: 'LDS-01',
      business_unit_id: BUSINESS_UNIT_ID,
      verified: true,
      check_note: null,
    });
    expect(rows[1]).toMatchObject({ consumer_name: 'pantelakis georgiou', stars: 4, reference_id: 'XELeKJriAxDQq3ps', verified: true });
  });

  it('without API access, emits the webhook’s data marked unverified, with no email', async () => {
    const rows = await receive(hookBundle(batch, linksOnlyAuthData));

    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({
      id: '53bffd360000640002975387',
      stars: 5,
      title: 'Great service',
      consumer_name: 'Customer',
      consumer_email: null,
      reference_id: 'ABC-123-xyz',
      location_id: '43f51215-a1fc-4c60-b6dd-e4afb6d7b831',
      created_at: '2017-05-20T09:34:44Z',
      verified: false,
    });
    expect(rows[1]).toMatchObject({ id: '62c8968be77911f2449e9f74', verified: false });
  });

  it('skips and logs a forged event whose review Trustpilot does not know', async () => {
    const forged = createdEvent({ id: '5e0000000000000000000bad', stars: 1, title: 'Scam!', text: 'Call 555-0100 for a refund', createdAt: '2024-05-01T00:00:00Z' });
    nock(TRUSTPILOT_API)
      .get('/v1/private/reviews/5e0000000000000000000bad')
      .reply(404, { message: 'Review not found', errorCode: 404 })
      .get('/v1/private/reviews/62c8968be77911f2449e9f74')
      .reply(200, review62);

    const { rows, logs } = await receiveWithLogs(hookBundle({ events: [forged, batch.events[2]] }));

    expect(rows.map((r) => r.id)).toEqual(['62c8968be77911f2449e9f74']);
    expect(JSON.stringify(rows)).not.toContain('555-0100');
    expect(logs).toContainEqual(expect.stringContaining('Skipped review 5e0000000000000000000bad: Trustpilot has no such review'));
  });

  it('emits Trustpilot’s content, not the webhook’s, when they disagree', async () => {
    const tampered = createdEvent({ ...batch.events[2]!.eventData, stars: 1, text: 'Forged text with a link https://evil.example' });
    nock(TRUSTPILOT_API).get('/v1/private/reviews/62c8968be77911f2449e9f74').reply(200, review62);

    const { rows, logs } = await receiveWithLogs(hookBundle({ events: [tampered] }));

    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ stars: 4, text: review62.text, verified: true });
    expect(logs).toContainEqual(expect.stringContaining('the webhook’s stars, text differed from Trustpilot’s'));
  });

  it('runs once for a review repeated in a batch', async () => {
    nock(TRUSTPILOT_API).get('/v1/private/reviews/62c8968be77911f2449e9f74').once().reply(200, review62);
    const rows = await receive(hookBundle({ events: [batch.events[2], batch.events[2]] }));
    expect(rows.map((r) => r.id)).toEqual(['62c8968be77911f2449e9f74']);
  });

  it('ignores a batch with no new reviews, and a created event without a review id', async () => {
    const { rows, logs } = await receiveWithLogs(hookBundle({ events: [batch.events[1], createdEvent({ stars: 5 }), createdEvent({ id: '../../x' })] }));
    expect(rows).toEqual([]);
    expect(logs).toEqual([
      'Ignored 1 webhook event(s) other than service-review-created.',
      'Skipped a service-review-created event without a review id.',
      'Skipped a service-review-created event without a review id.',
    ]);
  });

  it('re-reads a review whose event fields are malformed, when it can', async () => {
    nock(TRUSTPILOT_API).get('/v1/private/reviews/62c8968be77911f2449e9f74').reply(200, review62);
    const odd = createdEvent({ ...batch.events[2]!.eventData, stars: '4', tags: 'none' });
    await expect(receive(hookBundle({ events: [odd] }))).resolves.toEqual([expect.objectContaining({ id: '62c8968be77911f2449e9f74', stars: 4, verified: true })]);

    const { rows, logs } = await receiveWithLogs(hookBundle({ events: [odd] }, linksOnlyAuthData));
    expect(rows).toEqual([]);
    expect(logs).toEqual(['Skipped review 62c8968be77911f2449e9f74: the event’s fields are not the review Trustpilot documents.']);
  });

  it('reads the parsed body when Zapier gives no raw body', async () => {
    const { rawRequest: _raw, ...bundle } = hookBundle({ events: [batch.events[2]] }, linksOnlyAuthData);
    await expect(receive(bundle)).resolves.toEqual([expect.objectContaining({ id: '62c8968be77911f2449e9f74', verified: false })]);
  });

  it('fails clearly on a body that is not JSON', async () => {
    const bundle = {
      authData,
      inputData: {},
      cleanedRequest: { stars: '5', text: 'hello', querystring: {} },
      rawRequest: { method: 'POST', querystring: '', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, content: 'stars=5&text=hello' },
    };
    const err = await caught(() => receive(bundle));
    expect(zapierError(err)).toEqual({
      code: 'invalid_webhook_body',
      message:
        'The webhook request body is not JSON (Content-Type: application/x-www-form-urlencoded), so it is not a Trustpilot review webhook. ' +
        'Paste this Zap’s URL only into Trustpilot Business → Integrations → Developers → Webhooks.',
    });
  });

  it.each([
    ['an object without events', { review: { id: '62c8968be77911f2449e9f74' } }, 'it held a JSON object without an "events" list'],
    ['events that are not a list', { events: { id: 'x' } }, 'it held a JSON object without an "events" list'],
    ['a JSON list', [batch.events[2]], 'it held a JSON list'],
  ])('fails clearly on JSON with no events list: %s', async (_name, body, detail) => {
    const content = JSON.stringify(body);
    const err = await caught(() =>
      receive({ authData, inputData: {}, cleanedRequest: body, rawRequest: { method: 'POST', headers: { 'Content-Type': 'application/json' }, content } }),
    );
    expect(zapierError(err).code).toBe('invalid_webhook_body');
    expect(zapierError(err).message).toContain('The webhook request has no "events" list');
    expect(zapierError(err).message).toContain(detail);
    // Nothing from the body is repeated in the error.
    expect(zapierError(err).message).not.toMatch(/62c8968be77911f2449e9f74|review\b(?! webhook)/);
  });
});

describe('New Service Review (Instant) samples', () => {
  it('shows the newest real reviews when the connection has API access', async () => {
    const scope = nock(TRUSTPILOT_API)
      .get(`/v1/private/business-units/${BUSINESS_UNIT_ID}/reviews`)
      .query({ orderBy: 'createdat.desc', perPage: '3' })
      .reply(200, serviceReviews);
    const rows = (await appTester(performList, { authData })) as Array<Record<string, unknown>>;
    expect(scope.isDone()).toBe(true);
    expect(rows.map((r) => [r.id, r.verified])).toEqual([
      ['664327a1f0e2b8c3d4e5f601', true],
      ['6642f0b2a1c3d4e5f6a7b802', true],
      ['6641a9c3b2d4e5f6a7b8c903', true],
    ]);
  });

  it('falls back to the static sample', async () => {
    nock(TRUSTPILOT_API).get(`/v1/private/business-units/${BUSINESS_UNIT_ID}/reviews`).query(true).reply(200, emptyPage);
    await expect(appTester(performList, { authData })).resolves.toEqual([instantReviewSample]);
    await expect(appTester(performList, { authData: linksOnlyAuthData })).resolves.toEqual([
      { ...instantReviewSample, consumer_email: null, verified: false, check_note: expect.stringContaining('no Trustpilot API access') },
    ]);
  });
});
