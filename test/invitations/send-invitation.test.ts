import nock from 'nock';

import { isInSample } from '../../src/invitations/policy/sampling';
import businessUnitOther from '../fixtures/trustpilot/business-unit-other.json';
import badRequest from '../fixtures/trustpilot/email-invitation-bad-request.json';
import forbidden from '../fixtures/trustpilot/email-invitation-forbidden.json';
import {
  appTester,
  authData,
  BUSINESS_UNIT_ID,
  BUSINESS_USER_ID,
  caught,
  SECRETS,
  TRUSTPILOT_API,
  TRUSTPILOT_INVITATIONS,
  TRUSTPILOT_TOKEN,
  zapierError,
} from '../helpers';
import { createPerform } from '../helpers/operations';

const perform = createPerform('send_invitation');
const INVITATIONS_PATH = `/v1/private/business-units/${BUSINESS_UNIT_ID}/email-invitations`;
const NOW = '2026-11-14T10:20:30.456Z';

const required = { consumer_email: 'jane.doe@example.com', consumer_name: 'Jane Doe', reference_number: 'OPP-000123' };

const run = (inputData: Record<string, unknown>, clearCache = false) =>
  appTester(perform, { authData, inputData }, clearCache) as Promise<Record<string, unknown>>;

/** Expects one POST and returns the bodies it received, so tests can assert them field by field. */
function expectInvitation(status = 202, reply: unknown = '') {
  const bodies: unknown[] = [];
  const scope = nock(TRUSTPILOT_INVITATIONS, {
    reqheaders: {
      authorization: `Bearer ${TRUSTPILOT_TOKEN}`,
      apikey: authData.trustpilot_api_key,
      'x-business-user-id': BUSINESS_USER_ID,
      'content-type': 'application/json',
    },
  })
    .post(INVITATIONS_PATH, (body) => {
      bodies.push(body);
      return true;
    })
    .reply(status, reply as never);
  return { scope, bodies };
}

beforeEach(async () => {
  // Freeze only the clock: nock and z.request keep their real timers.
  jest.useFakeTimers({
    now: new Date(NOW),
    doNotFake: ['hrtime', 'nextTick', 'performance', 'queueMicrotask', 'setImmediate', 'clearImmediate', 'setInterval', 'clearInterval', 'setTimeout', 'clearTimeout'],
  });
  await appTester(async () => null, {}, true); // an empty z.cache for every test
});
afterEach(() => jest.useRealTimers());

describe('send_invitation: the request', () => {
  it('sends every field in the documented shape, with the delay turned into a UTC send time', async () => {
    const { scope, bodies } = expectInvitation();
    const output = await run({
      ...required,
      locale: 'en-GB',
      template_id: '507f191e810c19729de860eb',
      delay_days: 7,
      tags: ['closed-won', 'emea'],
      sender_name: 'Acme Outdoor Gear',
      sender_email: 'hello@acme-outdoor.example',
      reply_to: 'support@acme-outdoor.example',
      redirect_uri: 'https://www.acme-outdoor.example/thanks',
      location_id: 'ABC123',
    });
    expect(scope.isDone()).toBe(true);
    expect(bodies).toHaveLength(1);
    expect(bodies[0]).toStrictEqual({
      referenceNumber: 'OPP-000123',
      consumerName: 'Jane Doe',
      consumerEmail: 'jane.doe@example.com',
      type: 'email',
      locale: 'en-GB',
      senderName: 'Acme Outdoor Gear',
      senderEmail: 'hello@acme-outdoor.example',
      replyTo: 'support@acme-outdoor.example',
      locationId: 'ABC123',
      serviceReviewInvitation: {
        templateId: '507f191e810c19729de860eb',
        // 2026-11-14T10:20:30.456Z + 7 days, whole seconds, UTC, no offset (the form of Trustpilot's examples)
        preferredSendTime: '2026-11-21T10:20:30',
        redirectUri: 'https://www.acme-outdoor.example/thanks',
        tags: ['closed-won', 'emea'],
      },
    });
    expect(output).toStrictEqual({
      id: expect.stringMatching(/^[0-9a-f]{32}$/),
      business_unit_id: BUSINESS_UNIT_ID,
      business_unit_name: 'Acme Outdoor Gear',
      consumer_email: 'jane.doe@example.com',
      consumer_name: 'Jane Doe',
      reference_number: 'OPP-000123',
      locale: 'en-GB',
      types: ['service'],
      types_text: 'service',
      preferred_send_time: '2026-11-21T10:20:30Z',
      template_id: '507f191e810c19729de860eb',
      product_template_id: null,
      tags: ['closed-won', 'emea'],
      tags_text: 'closed-won, emea',
      product_skus: [],
      product_skus_text: '',
      scheduled_at: '2026-11-14T10:20:30Z',
      invited: true,
      duplicate: false,
      reason: '',
    });
  });

  it('adds the product review invitation when SKUs are given, with its own template', async () => {
    const { bodies } = expectInvitation();
    const output = await run({
      ...required,
      template_id: '507f191e810c19729de860eb',
      product_template_id: '5c17c7ebb565bb0001046fbd',
      product_skus: 'TENT-2P, STOVE-X1',
      redirect_uri: 'https://www.acme-outdoor.example/thanks',
      send_at: '2026-12-01T09:30:00+01:00',
    });
    const body = bodies[0] as Record<string, unknown>;
    expect(body.serviceReviewInvitation).toStrictEqual({
      templateId: '507f191e810c19729de860eb',
      preferredSendTime: '2026-12-01T08:30:00',
      redirectUri: 'https://www.acme-outdoor.example/thanks',
    });
    // Strictly after the service invitation, as Trustpilot requires, and after it in the body.
    expect(Object.keys(body).slice(-2)).toEqual(['serviceReviewInvitation', 'productReviewInvitation']);
    expect(body.productReviewInvitation).toStrictEqual({
      templateId: '5c17c7ebb565bb0001046fbd',
      preferredSendTime: '2026-12-01T08:31:00',
      redirectUri: 'https://www.acme-outdoor.example/thanks',
      productSkus: ['TENT-2P', 'STOVE-X1'],
    });
    expect(output).toMatchObject({
      types: ['service', 'product'],
      types_text: 'service, product',
      product_skus: ['TENT-2P', 'STOVE-X1'],
      product_skus_text: 'TENT-2P, STOVE-X1',
      product_template_id: '5c17c7ebb565bb0001046fbd',
      preferred_send_time: '2026-12-01T08:30:00Z',
    });
  });

  it('omits every optional that is empty, and never sends an empty string', async () => {
    const { bodies } = expectInvitation(201, { some: 'undocumented body' });
    const output = await run({
      ...required,
      locale: '',
      template_id: '',
      delay_days: '',
      send_at: null,
      tags: [],
      product_skus: '',
      product_template_id: '5c17c7ebb565bb0001046fbd', // ignored without SKUs
      sender_name: ' ',
      sender_email: '',
      reply_to: '',
      redirect_uri: '',
      location_id: '',
      sample_one_in: '',
      monthly_cap: '',
    });
    expect(bodies[0]).toStrictEqual({
      referenceNumber: 'OPP-000123',
      consumerName: 'Jane Doe',
      consumerEmail: 'jane.doe@example.com',
      type: 'email',
      serviceReviewInvitation: {},
    });
    expect(JSON.stringify(bodies[0])).not.toContain('""');
    expect(output).toMatchObject({ preferred_send_time: null, template_id: null, locale: null, invited: true });
  });

  it('trims mapped values and reads a numeric delay and a mapped number as reference', async () => {
    const { bodies } = expectInvitation();
    await run({ consumer_email: ' jane.doe@example.com ', consumer_name: ' Jane Doe ', reference_number: 123456, delay_days: '0' });
    expect(bodies[0]).toMatchObject({
      consumerEmail: 'jane.doe@example.com',
      consumerName: 'Jane Doe',
      referenceNumber: '123456',
      serviceReviewInvitation: { preferredSendTime: '2026-11-14T10:20:30' },
    });
  });

  it('uses another business unit of the account when one is given, with its name looked up', async () => {
    const otherId = businessUnitOther.id;
    nock(TRUSTPILOT_API).get(`/v1/business-units/${otherId}`).reply(200, businessUnitOther);
    const post = nock(TRUSTPILOT_INVITATIONS).post(`/v1/private/business-units/${otherId}/email-invitations`).reply(202);
    const output = await run({ ...required, business_unit_id: otherId });
    expect(post.isDone()).toBe(true);
    expect(output).toMatchObject({ business_unit_id: otherId, business_unit_name: 'Acme Outdoor Gear Deutschland' });
  });

  it('keeps secrets out of the output', async () => {
    expectInvitation();
    const text = JSON.stringify(await run(required));
    for (const secret of SECRETS) expect(text).not.toContain(secret);
  });
});

describe('send_invitation: bad input fails before any call, naming the field', () => {
  // nock allows no request here: any call would fail with a different error.
  it.each([
    ['a malformed email', { consumer_email: 'jane(at)example.com' }, 'consumer_email'],
    ['a missing name', { consumer_name: '' }, 'consumer_name'],
    ['a missing reference', { reference_number: '  ' }, 'reference_number'],
    ['a locale not like en-US', { locale: 'en_us' }, 'locale'],
    ['a delay above 90 days', { delay_days: 91 }, 'delay_days'],
    ['a negative delay', { delay_days: -1 }, 'delay_days'],
    ['a fractional delay', { delay_days: '2.5' }, 'delay_days'],
    ['a tag with spaces', { tags: ['closed won'] }, 'tags'],
    ['both a delay and a send time', { delay_days: 3, send_at: '2026-12-01T09:00:00Z' }, 'send_at'],
    ['an unreadable send time', { send_at: 'next tuesday-ish' }, 'send_at'],
    ['a malformed sender email', { sender_email: 'hello@' }, 'sender_email'],
    ['a malformed reply-to', { reply_to: 'support.example.com' }, 'reply_to'],
    ['a redirect that is not a web page (javascript:)', { redirect_uri: 'javascript:alert(1)' }, 'redirect_uri'],
    ['a redirect that is not a URL', { redirect_uri: 'thank you page' }, 'redirect_uri'],
    ['a template name instead of an id', { template_id: 'Default service review' }, 'template_id'],
    ['a sample of zero', { sample_one_in: 0 }, 'sample_one_in'],
    ['a cap that is not a number', { monthly_cap: 'fifty' }, 'monthly_cap'],
  ])('rejects %s', async (_what, bad, field) => {
    const err = await caught(() => run({ ...required, ...bad }));
    const { message, code } = zapierError(err);
    expect(code).toBe('invalid_input');
    expect(message).toContain(field);
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('names every bad field at once', async () => {
    const { message } = zapierError(await caught(() => run({ ...required, consumer_email: 'nope', locale: 'english', delay_days: 200 })));
    expect(message).toMatch(/consumer_email/);
    expect(message).toMatch(/locale/);
    expect(message).toMatch(/delay_days/);
  });

  it('rejects a business unit id that is not 24 hex characters', async () => {
    const { message, code } = zapierError(await caught(() => run({ ...required, business_unit_id: 'acme-outdoor.example' })));
    expect(code).toBe('invalid_input');
    expect(message).toMatch(/Business Unit/);
  });
});

describe('send_invitation: the rules every invitation follows', () => {
  it('sends nothing on a replay and returns the first result, marked as a duplicate', async () => {
    const { scope } = expectInvitation();
    const first = await run({ ...required, delay_days: 7 });
    expect(scope.isDone()).toBe(true);
    jest.setSystemTime(new Date('2026-11-14T11:00:00Z')); // the replay comes later
    const replay = await run({ ...required, delay_days: 7 }); // no interceptor left: a call would fail
    expect(replay).toStrictEqual({ ...first, duplicate: true });
    expect(replay).toMatchObject({ invited: true, scheduled_at: '2026-11-14T10:20:30Z', preferred_send_time: '2026-11-21T10:20:30Z' });
  });

  it('treats another email as another invitation', async () => {
    expectInvitation();
    await run(required);
    const { scope } = expectInvitation();
    await run({ ...required, consumer_email: 'john@example.com' });
    expect(scope.isDone()).toBe(true);
  });

  it('succeeds without sending when the reference is outside the neutral sample', async () => {
    const refs = Array.from({ length: 60 }, (_, i) => `OPP-${1000 + i}`);
    const outside = refs.find((ref) => !isInSample(ref, 3))!;
    const inside = refs.find((ref) => isInSample(ref, 3))!;
    const output = await run({ ...required, reference_number: outside, sample_one_in: '3' });
    expect(output).toMatchObject({ invited: false, duplicate: false, reason: 'not in sample', reference_number: outside, scheduled_at: null });
    const { scope } = expectInvitation();
    expect(await run({ ...required, reference_number: inside, sample_one_in: 3 })).toMatchObject({ invited: true, reason: '' });
    expect(scope.isDone()).toBe(true);
  });

  it('halts at the monthly cap without calling Trustpilot', async () => {
    expectInvitation();
    await run({ ...required, reference_number: 'OPP-1', monthly_cap: 1 });
    const err = await caught(() => run({ ...required, reference_number: 'OPP-2', monthly_cap: '1' }));
    expect(err.name).toBe('HaltedError');
    expect(err.message).toMatch(/^Monthly cap of 1 reached on 2026-11-14; resets on 2026-12-01\. Nothing was sent\./);
  });

  it('explains a 403 (errorCode 1014), and lets a replay send once access is fixed', async () => {
    expectInvitation(403, forbidden);
    const { message, code } = zapierError(await caught(() => run(required)));
    expect(code).toBe('trustpilot_forbidden');
    expect(message).toContain('Access to resource is forbidden');
    expect(message).toContain('error code 1014');
    expect(message).toMatch(/Business User ID|API access/);
    const { scope } = expectInvitation();
    expect(await run(required)).toMatchObject({ invited: true, duplicate: false });
    expect(scope.isDone()).toBe(true);
  });

  it('passes on Trustpilot’s own message for a 400, naming the field by its label', async () => {
    expectInvitation(400, badRequest);
    const { message, code } = zapierError(await caught(() => run(required)));
    expect(code).toBe('trustpilot_1001');
    expect(message).toContain('Invalid consumer email');
    expect(message).toContain('“Customer Email”');
  });

  it('never repeats the POST after a 500: the outcome is unknown, and a replay halts', async () => {
    expectInvitation(500, { message: 'Internal error' });
    expect(zapierError(await caught(() => run(required))).code).toBe('outcome_unknown');
    const replay = await caught(() => run(required));
    expect(replay.name).toBe('HaltedError');
  });
});
