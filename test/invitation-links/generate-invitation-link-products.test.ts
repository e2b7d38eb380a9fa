/**
 * "Generate Invitation Link" with Product SKUs: the product review link comes from the api host
 * (`POST /v1/private/product-reviews/business-units/{id}/invitation-links`, body as Trustpilot's Bruno request has it),
 * and becomes the service link's redirect, as developers.trustpilot.com/invitation-api suggests.
 */
import nock from 'nock';

import App from '../../index';
import invitationLink from '../fixtures/trustpilot/invitation-link.json';
import { appTester, authData, BUSINESS_UNIT_ID, caught, TRUSTPILOT_API, TRUSTPILOT_INVITATIONS, zapierError } from '../helpers';
import { DEPLOY_KEY, nockStash } from '../helpers/stash';

const create = App.creates!.generate_invitation_link!;
const perform = (create.operation as { perform: unknown }).perform as never;
const run = (inputData: Record<string, unknown>, clearCache = true) =>
  appTester(perform, { authData, inputData } as never, clearCache) as Promise<Record<string, string | boolean>>;

const PRODUCT_PATH = `/v1/private/product-reviews/business-units/${BUSINESS_UNIT_ID}/invitation-links`;
const SERVICE_PATH = `/v1/private/business-units/${BUSINESS_UNIT_ID}/invitation-links`;
/** The answer's keys as Trustpilot's node client documents them: "an object containing the reviewLinkId and reviewUrl". */
const PRODUCT_ANSWER = { reviewLinkId: '4e1f0c2b9a7d48e6b3c5a1f2e8d7c6b5', reviewUrl: 'https://www.trustpilot.com/evaluate-link/4e1f0c2b9a7d48e6b3c5a1f2e8d7c6b5' };

const input = {
  consumer_email: 'jane.cooper@example.com',
  consumer_name: 'Jane Cooper',
  reference_number: 'OPP-00042',
  locale: 'en-US',
  redirect_uri: 'https://www.acme-outdoor.example/thanks',
  product_skus: ['TENT-2P', 'STOVE-X1'],
  phone_number: '+14155552671',
  message_template: 'Hi {name}, how did we do on {reference}? {link}',
};

describe('Generate Invitation Link with Product SKUs', () => {
  beforeAll(() => {
    process.env.ZAPIER_DEPLOY_KEY = DEPLOY_KEY;
  });
  afterAll(() => {
    delete process.env.ZAPIER_DEPLOY_KEY;
  });
  afterEach(() => nock.cleanAll());

  it('creates the product link on the api host, then the service link leading to it, and shares both', async () => {
    const sent: Record<string, unknown> = {};
    const product = nock(TRUSTPILOT_API)
      .post(PRODUCT_PATH, (body) => ((sent.product = body), true))
      .reply(200, PRODUCT_ANSWER);
    const service = nock(TRUSTPILOT_INVITATIONS)
      .post(SERVICE_PATH, (body) => ((sent.service = body), true))
      .reply(200, invitationLink);
    nockStash();

    const out = await run(input);

    expect(product.isDone() && service.isDone()).toBe(true);
    // Bruno's keys and order; products named by SKU, the app knows nothing more about them.
    expect(sent.product).toEqual({
      consumer: { email: 'jane.cooper@example.com', name: 'Jane Cooper' },
      referenceId: 'OPP-00042',
      locale: 'en-US',
      redirectUri: 'https://www.acme-outdoor.example/thanks',
      products: [{ sku: 'TENT-2P' }, { sku: 'STOVE-X1' }],
    });
    expect(Object.keys(sent.product as object)).toEqual(['consumer', 'referenceId', 'locale', 'redirectUri', 'products']);
    expect(sent.service).toMatchObject({ referenceId: 'OPP-00042', redirectUri: PRODUCT_ANSWER.reviewUrl });

    const message = `Hi Jane Cooper, how did we do on OPP-00042? ${PRODUCT_ANSWER.reviewUrl}`;
    expect(out).toMatchObject({
      id: invitationLink.id,
      url: invitationLink.url,
      product_link_id: PRODUCT_ANSWER.reviewLinkId,
      product_link_url: PRODUCT_ANSWER.reviewUrl,
      product_message_text: message,
      product_whatsapp_url: `https://wa.me/14155552671?text=${encodeURIComponent(message)}`,
      product_sms_url: `sms:+14155552671?body=${encodeURIComponent(message)}`,
      invited: true,
    });
    expect(out.message_text).toBe(`Hi Jane Cooper, how did we do on OPP-00042? ${invitationLink.url}`);
  });

  it('a replay returns both links and creates neither again', async () => {
    nock(TRUSTPILOT_API).post(PRODUCT_PATH).reply(200, PRODUCT_ANSWER);
    nock(TRUSTPILOT_INVITATIONS).post(SERVICE_PATH).reply(200, invitationLink);
    nockStash();
    const first = await run(input);
    const again = nock(TRUSTPILOT_API).post(PRODUCT_PATH).reply(200, PRODUCT_ANSWER);

    const replay = await run(input, false);

    expect(replay).toEqual({ ...first, duplicate: true });
    expect(again.isDone()).toBe(false);
  });

  it('without SKUs nothing changes: no product call, the product outputs are empty', async () => {
    const product = nock(TRUSTPILOT_API).post(PRODUCT_PATH).reply(200, PRODUCT_ANSWER);
    let service: Record<string, unknown> = {};
    nock(TRUSTPILOT_INVITATIONS)
      .post(SERVICE_PATH, (body) => ((service = body), true))
      .reply(200, invitationLink);
    nockStash();

    const out = await run({ ...input, product_skus: '' });

    expect(product.isDone()).toBe(false);
    expect(service.redirectUri).toBe(input.redirect_uri);
    expect(out).toMatchObject({ product_link_id: '', product_link_url: '', product_message_text: '', product_whatsapp_url: '', product_sms_url: '' });
  });

  it('Trustpilot’s refusal of the product link reaches the user as a sentence, and no service link is made', async () => {
    nock(TRUSTPILOT_API)
      .post(PRODUCT_PATH)
      .reply(400, { message: 'Every product needs a sku', errorCode: 1000, correlationId: 'c0ffee00-0000-4000-8000-000000000000' });
    const service = nock(TRUSTPILOT_INVITATIONS).post(SERVICE_PATH).reply(200, invitationLink);

    const err = await caught(() => run(input));

    expect(zapierError(err).message).toBe('Trustpilot refused to create the product review invitation link: Every product needs a sku (error code 1000) (HTTP 400).');
    expect(service.isDone()).toBe(false);
  });

  it('an answer without a link is an unexpected shape, not an empty link', async () => {
    nock(TRUSTPILOT_API).post(PRODUCT_PATH).reply(200, { reviewLinkId: 'x' });
    const err = await caught(() => run(input));
    expect(zapierError(err).code).toBe('unexpected_response');
  });

  it('rejects an empty SKU among real ones before any call, naming the field', async () => {
    const err = await caught(() => run({ ...input, product_skus: 'TENT-2P,,STOVE-X1' }));
    expect(zapierError(err)).toMatchObject({ code: 'invalid_input', message: expect.stringMatching(/^Product SKUs: has an empty SKU at position 2/) });
  });
});
