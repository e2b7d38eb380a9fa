/**
 * The app against a Trustpilot that behaves as documented: send-time order, expiring tokens, and refusals
 * that only Trustpilot makes (the app relays them as sentences naming the field).
 */
import { failure, startE2E, type E2E } from './harness';

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E({ trustpilotRateLimit: false });
});
afterAll(() => e2e.close());
beforeEach(async () => {
  await e2e.sandbox.reset();
  await e2e.runner.connect({ ...e2e.runner.authData });
});

const customer = { consumer_email: 'ada@example.com', consumer_name: 'Ada Lovelace' };
let sequence = 0;
const reference = () => `ORD-${Date.now()}-${sequence++}`;

describe('send times', () => {
  it('a service + product invitation with a delay carries the service invitation first and a later product time', async () => {
    await e2e.runner.run('creates.send_invitation', { ...customer, reference_number: reference(), product_skus: 'TL2-TENT-GRN', delay_days: 3 });
    const [recorded] = e2e.sandbox.state.invitations;
    const body = recorded!.body as Record<string, { preferredSendTime?: string }>;
    expect(Object.keys(body).indexOf('serviceReviewInvitation')).toBeLessThan(Object.keys(body).indexOf('productReviewInvitation'));
    const service = Date.parse(`${body.serviceReviewInvitation!.preferredSendTime}Z`);
    const product = Date.parse(`${body.productReviewInvitation!.preferredSendTime}Z`);
    expect(product).toBeGreaterThan(service);
  });

  it('with an exact send time too', async () => {
    const sendAt = new Date(Date.now() + 86_400_000).toISOString();
    await e2e.runner.run('creates.send_invitation', { ...customer, reference_number: reference(), product_skus: 'TL2-TENT-GRN', send_at: sendAt });
    expect(e2e.sandbox.state.invitations).toHaveLength(1);
  });
});
