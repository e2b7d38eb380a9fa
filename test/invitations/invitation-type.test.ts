/**
 * "Send Review Invitation" → Invitation Type. The bodies follow Trustpilot's documented shapes: a service-only
 * invitation omits `productReviewInvitation` (developers.trustpilot.com/invitation-api), a products-only one omits
 * `serviceReviewInvitation` (Trustpilot's "Just Product Review" example, support.trustpilot.com community post
 * 10091177348754).
 */
import nock from 'nock';

import App from '../../index';
import { appTester, authData, BUSINESS_UNIT_ID, caught, TRUSTPILOT_INVITATIONS, zapierError } from '../helpers';
import { freezeDate } from '../helpers/fake-clock';

const perform = (App.creates!.send_invitation!.operation as { perform: unknown }).perform as never;
const INVITATIONS_PATH = `/v1/private/business-units/${BUSINESS_UNIT_ID}/email-invitations`;
const NOW = '2026-11-14T10:20:30.456Z';
const required = { consumer_email: 'jane.doe@example.com', consumer_name: 'Jane Doe', reference_number: 'OPP-000123' };
const run = (inputData: Record<string, unknown>) => appTester(perform, { authData, inputData }) as Promise<Record<string, unknown>>;

function expectInvitation() {
  const bodies: Array<Record<string, any>> = [];
  const scope = nock(TRUSTPILOT_INVITATIONS)
    .post(INVITATIONS_PATH, (body) => (bodies.push(body), true))
    .reply(202, '');
  return { scope, bodies };
}

beforeEach(async () => {
  freezeDate(NOW);
  await appTester(async () => null, {}, true); // an empty z.cache for every test
});
afterEach(() => {
  jest.useRealTimers();
  nock.cleanAll();
});

const withProducts = {
  ...required,
  template_id: '507f191e810c19729de860eb',
  product_template_id: '5c17c7ebb565bb0001046fbd',
  delay_days: 3,
  tags: 'closed-won',
  product_skus: 'TENT-2P, STOVE-X1',
  redirect_uri: 'https://www.acme-outdoor.example/thanks',
};

describe('send_invitation: Invitation Type', () => {
  it.each([undefined, '', 'service_and_products'])('%j keeps today’s behaviour: service, plus products when SKUs are given', async (invitation_type) => {
    const { scope, bodies } = expectInvitation();
    const out = await run({ ...withProducts, invitation_type });
    expect(scope.isDone()).toBe(true);
    expect(Object.keys(bodies[0]!)).toEqual(expect.arrayContaining(['serviceReviewInvitation', 'productReviewInvitation']));
    expect(out).toMatchObject({ types: ['service', 'product'], product_skus: ['TENT-2P', 'STOVE-X1'], invited: true });
  });

  it('service_only sends no product section, even with SKUs mapped', async () => {
    const { bodies } = expectInvitation();
    const out = await run({ ...withProducts, invitation_type: 'service_only' });
    expect(bodies[0]).not.toHaveProperty('productReviewInvitation');
    expect(bodies[0]!.serviceReviewInvitation).toMatchObject({ templateId: '507f191e810c19729de860eb', tags: ['closed-won'] });
    expect(out).toMatchObject({ types: ['service'], product_skus: [], product_template_id: null });
  });

  it('products_only sends the product section alone, at the chosen time, with its own template', async () => {
    const { bodies } = expectInvitation();
    const out = await run({ ...withProducts, invitation_type: 'products_only' });
    const body = bodies[0]!;
    expect(body).not.toHaveProperty('serviceReviewInvitation');
    expect(body).toMatchObject({ referenceNumber: 'OPP-000123', consumerName: 'Jane Doe', consumerEmail: 'jane.doe@example.com' });
    expect(body.productReviewInvitation).toEqual({
      templateId: '5c17c7ebb565bb0001046fbd',
      preferredSendTime: '2026-11-17T10:20:30',
      redirectUri: 'https://www.acme-outdoor.example/thanks',
      productSkus: ['TENT-2P', 'STOVE-X1'],
    });
    expect(out).toMatchObject({ types: ['product'], template_id: null, product_template_id: '5c17c7ebb565bb0001046fbd', invited: true });
  });

  it('a products-only invitation is its own invitation: it can follow the service one for the same order, and a replay sends neither again', async () => {
    const first = expectInvitation();
    await run({ ...withProducts, invitation_type: 'service_only' });
    const second = expectInvitation();
    const products = await run({ ...withProducts, invitation_type: 'products_only' });
    expect([first.scope.isDone(), second.scope.isDone()]).toEqual([true, true]);
    expect(products.duplicate).toBe(false);

    const third = expectInvitation();
    expect(await run({ ...withProducts, invitation_type: 'products_only' })).toMatchObject({ duplicate: true, types: ['product'] });
    expect(await run({ ...withProducts, invitation_type: 'service_only' })).toMatchObject({ duplicate: true, types: ['service'] });
    expect(third.scope.isDone()).toBe(false);
  });

  it('products_only without SKUs is refused before any call, naming the fields', async () => {
    const { scope } = expectInvitation();
    const err = await caught(() => run({ ...required, invitation_type: 'products_only' }));
    expect(zapierError(err)).toEqual({ code: 'invalid_input', message: 'Product SKUs: is required when Invitation Type is products only: list the SKUs to ask about.' });
    expect(scope.isDone()).toBe(false);
  });

  it('an unknown type is refused before any call, listing the choices', async () => {
    const { scope } = expectInvitation();
    const err = await caught(() => run({ ...withProducts, invitation_type: 'products' }));
    expect(zapierError(err).message).toBe('Invitation Type: "products" is not one of service_and_products, service_only, products_only.');
    expect(scope.isDone()).toBe(false);
  });
});
