import nock from 'nock';

import App from '../../index';
import { isInSample } from '../../src/invitations/policy/sampling';
import forbidden from '../fixtures/trustpilot/error-forbidden.json';
import invitationLink from '../fixtures/trustpilot/invitation-link.json';
import {
  appTester,
  authData,
  BUSINESS_UNIT_ID,
  BUSINESS_USER_ID,
  caught,
  loggedLines,
  SECRETS,
  TRUSTPILOT_INVITATIONS,
  TRUSTPILOT_TOKEN,
  zapierError,
} from '../helpers';
import { decodeQrPng, decodeQrSvg, PNG_SIGNATURE } from '../helpers/qr';
import { DEPLOY_KEY, nockStash, nockStashFailure } from '../helpers/stash';
import { createPerform } from '../helpers/operations';

const create = App.creates!.generate_invitation_link!;
const perform = createPerform('generate_invitation_link');
const LINK_PATH = `/v1/private/business-units/${BUSINESS_UNIT_ID}/invitation-links`;
const LINK_URL = invitationLink.url;

const required = { consumer_email: 'jane.cooper@example.com', consumer_name: 'Jane Cooper', reference_number: 'OPP-00042' };

interface Captured {
  body?: unknown;
  headers?: Record<string, unknown>;
}

/** Trustpilot answering one link creation with the recorded response, capturing what we sent. */
function nockLink(captured: Captured = {}, businessUnitId = BUSINESS_UNIT_ID) {
  return nock(TRUSTPILOT_INVITATIONS)
    .post(`/v1/private/business-units/${businessUnitId}/invitation-links`, (body) => {
      captured.body = body;
      return true;
    })
    .reply(function () {
      captured.headers = this.req.headers;
      return [200, invitationLink, { 'Content-Type': 'application/json; charset=utf-8' }];
    });
}

type Output = Record<string, unknown> & { qr_code: string; qr_code_svg: string; url: string };
const run = (inputData: Record<string, unknown>, clearCache = true, auth: Record<string, unknown> = authData) =>
  appTester(perform, { authData: auth, inputData } as never, clearCache) as Promise<Output>;

beforeAll(() => {
  process.env.ZAPIER_DEPLOY_KEY = DEPLOY_KEY;
});
afterAll(() => {
  delete process.env.ZAPIER_DEPLOY_KEY;
});

describe('generate_invitation_link: the request', () => {
  it('sends every field under Trustpilot’s names, with the business user header, and returns the link', async () => {
    const captured: Captured = {};
    const link = nockLink(captured);
    nockStash();
    const out = await run({
      ...required,
      locale: 'en-GB',
      tags: ['closed-won', 'emea'],
      redirect_uri: 'https://acme-outdoor.example/thank-you',
      location_id: 'STORE-LDN-01',
      sample_one_in: '1',
    });
    expect(link.isDone()).toBe(true);
    expect(captured.body).toEqual({
      locationId: 'STORE-LDN-01',
      referenceId: 'OPP-00042',
      email: 'jane.cooper@example.com',
      name: 'Jane Cooper',
      locale: 'en-GB',
      tags: ['closed-won', 'emea'],
      redirectUri: 'https://acme-outdoor.example/thank-you',
    });
    expect(captured.headers).toMatchObject({
      authorization: `Bearer ${TRUSTPILOT_TOKEN}`,
      apikey: authData.trustpilot_api_key,
      'x-business-user-id': BUSINESS_USER_ID,
      'content-type': 'application/json',
    });
    expect(out).toMatchObject({ id: invitationLink.id, url: LINK_URL, invited: true, duplicate: false, reason: '' });
  });

  it('leaves out every optional field that is empty, and trims what it sends', async () => {
    const captured: Captured = {};
    nockLink(captured);
    nockStash();
    await run({
      consumer_email: ' jane.cooper@example.com ',
      consumer_name: 'Jane Cooper ',
      reference_number: 42,
      locale: '',
      tags: [],
      redirect_uri: null,
      location_id: '  ',
    });
    expect(captured.body).toEqual({ referenceId: '42', email: 'jane.cooper@example.com', name: 'Jane Cooper' });
  });

  it('creates the link for the business unit chosen in the step', async () => {
    const other = '5f8a1c2b3d4e5f6a7b8c9d0e';
    const link = nockLink({}, other);
    nockStash();
    await run({ ...required, business_unit_id: other });
    expect(link.isDone()).toBe(true);
  });

  it('accepts tags as comma-separated text and rejects a tag with a space before any call', async () => {
    const captured: Captured = {};
    nockLink(captured);
    nockStash();
    await run({ ...required, tags: 'closed-won, emea' });
    expect((captured.body as { tags: string[] }).tags).toEqual(['closed-won', 'emea']);

    const link = nockLink();
    const err = zapierError(await caught(() => run({ ...required, tags: ['closed won'] })));
    expect(err.code).toBe('invalid_input');
    expect(err.message).toMatch(/^Tags: must not contain spaces/);
    expect(link.isDone()).toBe(false);
  });

  it.each([
    ['redirect_uri', { redirect_uri: 'acme-outdoor.example/thank-you' }, /^Redirect URL: must be a full web address/],
    ['consumer_email', { consumer_email: 'jane.cooper' }, /^Customer Email: .* is not a valid email address/],
    ['locale', { locale: 'english' }, /^Language: "english" is not a language/],
    ['sample_one_in', { sample_one_in: '0' }, /^Invite One In: must be a whole number/],
    ['monthly_cap', { monthly_cap: 'fifty' }, /^Monthly Invitation Cap: .*a whole number/],
  ])('rejects a bad %s before any call, naming the field', async (_field, bad, message) => {
    const link = nockLink();
    const err = zapierError(await caught(() => run({ ...required, ...bad })));
    expect(err).toMatchObject({ code: 'invalid_input' });
    expect(err.message).toMatch(message);
    expect(link.isDone()).toBe(false);
  });

  it('explains a connection without the Trustpilot API part', async () => {
    const bglOnly = { bgl_encryption_key: authData.bgl_encryption_key, bgl_authentication_key: authData.bgl_authentication_key };
    expect(zapierError(await caught(() => run(required, true, bglOnly))).code).toBe('trustpilot_not_connected');
  });

  it('works without a business user, sending no x-business-user-id (none is documented for links)', async () => {
    const captured: Captured = {};
    const link = nockLink(captured);
    await run(required, true, { ...authData, trustpilot_business_user_id: '' });
    expect(link.isDone()).toBe(true);
    expect(captured.headers?.['x-business-user-id']).toBeUndefined();
  });

  it('explains Trustpilot’s 403 for a link without a business user: fill in the Business User ID', async () => {
    nock(TRUSTPILOT_INVITATIONS)
      .post(`/v1/private/business-units/${BUSINESS_UNIT_ID}/invitation-links`)
      .reply(403, { message: 'Access to resource is forbidden', errorCode: 1014, correlationId: 'c0ffee00-0000-4000-8000-000000000000' });
    const err = zapierError(await caught(() => run(required, true, { ...authData, trustpilot_business_user_id: '' })));
    expect(err.code).toBe('trustpilot_forbidden');
    expect(err.message).toContain('(error code 1014)');
    expect(err.message).toContain('Business User ID');
  });
});

describe('generate_invitation_link: sharing outputs', () => {
  it('stashes the QR code as a PNG of the link and outputs the stashed file URL', async () => {
    nockLink();
    const stashes = nockStash();
    const out = await run({ ...required, phone_number: '+44 20 7946 0958' });

    expect(stashes.rpc).toEqual([{ method: 'get_presigned_upload_post_data', params: [], deployKey: DEPLOY_KEY }]);
    expect(out.qr_code).toBe(stashes.urls[0]);
    expect(out.qr_code).toMatch(/^https:\/\/zapier-dev-files\.s3\.amazonaws\.com\/cli-files\/[0-9a-f-]{36}\/qr\.png$/);

    const [file] = stashes.files;
    expect(file).toMatchObject({ filename: 'review-invitation-qr-OPP-00042.png', contentType: 'image/png' });
    expect(stashes.forms[0]).toMatchObject({ key: expect.stringMatching(/^cli-files\//), 'Content-Type': 'image/png' });
    const png = file!.content;
    expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    expect(decodeQrPng(png).text).toBe(LINK_URL);
    // The SVG is the same QR code.
    expect(decodeQrSvg(out.qr_code_svg).text).toBe(LINK_URL);
  });

  it('fills the message template and builds WhatsApp and SMS links to the E.164 number', async () => {
    nockLink();
    nockStash();
    const out = await run({
      ...required,
      phone_number: '(415) 555-2671',
      default_country: 'us',
      message_template: 'Hi {name}, how did we do with order {reference}? {link}',
    });
    const message = `Hi Jane Cooper, how did we do with order OPP-00042? ${LINK_URL}`;
    expect(out.message_text).toBe(message);
    expect(out.phone_number_e164).toBe('+14155552671');
    expect(out.whatsapp_url).toBe(`https://wa.me/14155552671?text=${encodeURIComponent(message)}`);
    expect(out.sms_url).toBe(`sms:+14155552671?body=${encodeURIComponent(message)}`);
    expect(new URL(out.whatsapp_url as string).searchParams.get('text')).toBe(message);
  });

  it.each([
    ['+44 20 7946 0958', undefined, '+442079460958'],
    ['0044 (0)20 7946 0958', undefined, '+442079460958'],
    ['020 7946 0958', 'GB', '+442079460958'],
    ['+46 70-123 45 67', 'US', '+46701234567'],
  ])('normalises %p (default country %p) to %s', async (phone, country, e164) => {
    nockLink();
    nockStash();
    const out = await run({ ...required, phone_number: phone, default_country: country });
    expect(out.phone_number_e164).toBe(e164);
    expect(out.whatsapp_url).toMatch(new RegExp(`^https://wa\\.me/${e164.slice(1)}\\?text=`));
  });

  it('uses the neutral default message and number-less links without a phone number', async () => {
    nockLink();
    nockStash();
    const out = await run(required);
    expect(out.message_text).toBe(`Hi Jane Cooper, thank you for choosing us. How did we do? Please share your experience: ${LINK_URL}`);
    expect(out.phone_number_e164).toBe('');
    expect(out.whatsapp_url).toBe(`https://wa.me/?text=${encodeURIComponent(out.message_text as string)}`);
    expect(out.sms_url).toBe(`sms:?body=${encodeURIComponent(out.message_text as string)}`);
  });

  it.each([
    ['Customer Phone Number', { phone_number: 'call me maybe' }],
    ['Customer Phone Number', { phone_number: '(212) 867-5309' }], // national form without a default country
    ['Default Phone Country', { phone_number: '(415) 555-2671', default_country: 'USA' }],
    ['Default Phone Country', { default_country: 'XX' }], // checked even without a number
  ])('rejects a bad %s before creating a link', async (label, bad) => {
    const link = nockLink();
    const err = zapierError(await caught(() => run({ ...required, ...bad })));
    expect(err.code).toBe('invalid_input');
    expect(err.message.startsWith(`${label}: `)).toBe(true);
    expect(err.message).not.toContain('867'); // the number itself is personal data
    expect(link.isDone()).toBe(false);
  });

  it('still succeeds when the QR code cannot be stashed: qr_code is empty, the SVG is there', async () => {
    nockLink();
    nockStashFailure();
    const out = await run(required);
    expect(out).toMatchObject({ id: invitationLink.id, url: LINK_URL, qr_code: '', invited: true });
    expect(decodeQrSvg(out.qr_code_svg).text).toBe(LINK_URL);
    expect(loggedLines()).toEqual([expect.stringMatching(/^The QR code PNG could not be stored \(.*\)\. The step continues: qr_code is empty/)]);
  });

  it('outputs exactly the keys of outputFields and of the sample', async () => {
    nockLink();
    nockStash();
    const out = await run(required);
    const outputKeys = (create.operation.outputFields as Array<{ key: string }>).map((f) => f.key).sort();
    expect(Object.keys(out).sort()).toEqual(outputKeys);
    expect(Object.keys(create.operation.sample as object).sort()).toEqual(outputKeys);
  });
});

describe('generate_invitation_link: replays, sampling and the cap', () => {
  it('returns the first link, QR code and message on a replay, without creating another', async () => {
    const link = nock(TRUSTPILOT_INVITATIONS).post(LINK_PATH).once().reply(200, invitationLink);
    const stashes = nockStash(1);
    const inputs = { ...required, phone_number: '+14155552671' };
    const first = await run(inputs, true);
    const replay = await run(inputs, false);
    expect(link.isDone()).toBe(true);
    expect(stashes.urls).toHaveLength(1);
    expect(replay).toEqual({ ...first, duplicate: true });
    expect(replay.qr_code).toBe(stashes.urls[0]);
    // Same reference, another email: another invitation.
    nock(TRUSTPILOT_INVITATIONS).post(LINK_PATH).reply(200, { id: '9ee95945f2aa3a748301efdc6b8b51d7', url: 'https://www.trustpilot.com/evaluate-link/9ee95945f2aa3a748301efdc6b8b51d7' });
    nockStash();
    expect(await run({ ...inputs, consumer_email: 'john.doe@example.com' }, false)).toMatchObject({ id: '9ee95945f2aa3a748301efdc6b8b51d7', duplicate: false });
  });

  it('creates nothing for a reference outside the neutral sample, and agrees on replays', async () => {
    const refs = Array.from({ length: 60 }, (_, i) => `OPP-${1000 + i}`);
    const outside = refs.find((ref) => !isInSample(ref, 4))!;
    const inside = refs.find((ref) => isInSample(ref, 4))!;
    const link = nockLink();
    for (const clear of [true, false]) {
      const out = await run({ ...required, reference_number: outside, sample_one_in: 4, phone_number: '+14155552671' }, clear);
      expect(out).toEqual({
        id: '',
        url: '',
        qr_code: '',
        qr_code_svg: '',
        message_text: '',
        whatsapp_url: '',
        sms_url: '',
        phone_number_e164: '+14155552671',
        product_link_id: '',
        product_link_url: '',
        product_message_text: '',
        product_whatsapp_url: '',
        product_sms_url: '',
        invited: false,
        duplicate: false,
        reason: 'Not in the neutral sample: this step invites 1 customer in 4, chosen by reference number only, so no invitation was created for this one.',
      });
    }
    expect(link.isDone()).toBe(false);
    nockStash();
    expect(await run({ ...required, reference_number: inside, sample_one_in: '4' }, false)).toMatchObject({ invited: true, url: LINK_URL });
    expect(link.isDone()).toBe(true);
  });

  it('halts at the monthly cap without creating a link', async () => {
    nockLink();
    nockStash();
    await run({ ...required, monthly_cap: '1' });
    const link = nockLink();
    const err = await caught(() => run({ ...required, reference_number: 'OPP-00043', monthly_cap: 1 }, false));
    expect(err.name).toBe('HaltedError');
    expect(err.message).toMatch(/^Monthly cap of 1 reached on \d{4}-\d{2}-\d{2}; resets on \d{4}-\d{2}-01\. Nothing was sent\./);
    expect(link.isDone()).toBe(false);
  });

  it('lets a replay create the link after Trustpilot refused it (403), and explains the refusal', async () => {
    nock(TRUSTPILOT_INVITATIONS).post(LINK_PATH).reply(403, forbidden);
    const err = zapierError(await caught(() => run(required)));
    expect(err.code).toBe('trustpilot_forbidden');
    expect(err.message).toContain('Access to resource is forbidden (error code 1014)');
    nockLink();
    nockStash();
    expect(await run(required, false)).toMatchObject({ url: LINK_URL, duplicate: false });
  });

  it('never creates a second link after an unknown outcome (HTTP 500)', async () => {
    nock(TRUSTPILOT_INVITATIONS).post(LINK_PATH).reply(500, { message: 'Internal Server Error' });
    expect(zapierError(await caught(() => run(required))).code).toBe('outcome_unknown');
    const link = nockLink();
    const replay = await caught(() => run(required, false));
    expect(replay.name).toBe('HaltedError');
    expect(link.isDone()).toBe(false);
  });
});

describe('generate_invitation_link: secrets', () => {
  it('puts no secret in any output', async () => {
    nockLink();
    nockStash();
    const out = JSON.stringify(await run({ ...required, phone_number: '+14155552671' }));
    for (const secret of [...SECRETS, authData.trustpilot_api_key]) expect(out).not.toContain(secret);
  });
});
