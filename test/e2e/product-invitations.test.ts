/**
 * Product review invitations outside "service and products in one email", end to end through the app and the
 * sandbox: a product review link for SMS and WhatsApp teams, and a products-only email invitation.
 */
import { TRUSTPILOT } from '../../sandbox';
import { startE2E, type E2E } from './harness';

describe('product review invitations, end to end', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(() => e2e.close());
  beforeEach(() => e2e.sandbox.reset());

  const customer = { consumer_email: 'priya@example.com', consumer_name: 'Priya Shah', reference_number: 'ORD-2001', locale: 'en-US' };

  it('Generate Invitation Link with SKUs: a product link from the api host, which the service link leads to', async () => {
    const out = await e2e.runner.run<Record<string, string>>('creates.generate_invitation_link', {
      ...customer,
      product_skus: ['TL2-TENT-GRN', 'CSM-100'],
      redirect_uri: 'https://www.acme-outdoor.example/thanks',
      phone_number: '+14155552671',
    });

    const [productLink] = e2e.sandbox.state.productLinks;
    const [serviceLink] = e2e.sandbox.state.links;
    expect(productLink!.body).toEqual({
      consumer: { email: customer.consumer_email, name: customer.consumer_name },
      referenceId: 'ORD-2001',
      locale: 'en-US',
      redirectUri: 'https://www.acme-outdoor.example/thanks',
      products: [{ sku: 'TL2-TENT-GRN' }, { sku: 'CSM-100' }],
    });
    expect(serviceLink!.body).toMatchObject({ redirectUri: productLink!.reviewUrl });
    expect(out).toMatchObject({ url: serviceLink!.url, product_link_id: productLink!.reviewLinkId, product_link_url: productLink!.reviewUrl });
    expect(out.product_whatsapp_url).toMatch(/^https:\/\/wa\.me\/14155552671\?text=/);
    expect(decodeURIComponent(out.product_sms_url!)).toContain(productLink!.reviewUrl);
  });

  it('Send Review Invitation, products only: one email invitation with only the product section', async () => {
    const out = await e2e.runner.run<Record<string, unknown>>('creates.send_invitation', {
      ...customer,
      invitation_type: 'products_only',
      product_skus: 'TL2-TENT-GRN',
      delay_days: 2,
    });

    const [invitation] = e2e.sandbox.state.invitations;
    const body = invitation!.body as Record<string, any>;
    expect(body).not.toHaveProperty('serviceReviewInvitation');
    expect(body.productReviewInvitation).toMatchObject({ productSkus: ['TL2-TENT-GRN'], preferredSendTime: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/) });
    expect(invitation!.businessUserId).toBe(TRUSTPILOT.businessUser.id);
    expect(out).toMatchObject({ types: ['product'], invited: true });
  });
});
