/**
 * The app against a Trustpilot that behaves as documented: send-time order, expiring tokens, and refusals
 * that only Trustpilot makes (the app relays them as sentences naming the field).
 */
import { connectionFields } from '../../sandbox/connection-fields';
import { failure, startE2E, type E2E } from './harness';

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E({ trustpilotRateLimit: false });
});
afterAll(() => e2e.close());
beforeEach(async () => {
  await e2e.sandbox.reset();
  await e2e.runner.connect(connectionFields(e2e.sandbox));
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

describe('tokens that expire', () => {
  const minutes = (n: number) => new Date(Date.now() + n * 60_000).toISOString();
  const reviewCalls = () => e2e.sandbox.state.journal.filter((c) => c.path.includes('/reviews') && c.method === 'GET');

  it('a stored token past its expiry never reaches Trustpilot: the step asks Zapier to renew the session, then runs', async () => {
    e2e.sandbox.configure({ expiredTrustpilotTokenStatus: 403 });
    e2e.sandbox.expireTokens('trustpilot');
    e2e.runner.authData.trustpilot_token_expires_at = minutes(-1);
    const refreshed = e2e.runner.stats.refreshed;

    await e2e.runner.run('triggers.new_service_review');

    expect(e2e.runner.stats.refreshed).toBe(refreshed + 1);
    expect(reviewCalls().map((c) => c.status)).not.toContain(403);
  });

  it('a 403 on a token minutes from its expiry renews the session too', async () => {
    e2e.sandbox.configure({ expiredTrustpilotTokenStatus: 403 });
    e2e.sandbox.expireTokens('trustpilot');
    e2e.runner.authData.trustpilot_token_expires_at = minutes(8);
    const refreshed = e2e.runner.stats.refreshed;

    await e2e.runner.run('triggers.new_service_review');

    expect(e2e.runner.stats.refreshed).toBe(refreshed + 1);
    expect(reviewCalls().map((c) => c.status)).toEqual([403, 200]);
  });

  it('any other 403 is explained, likeliest cause first, with Trustpilot\'s error code', async () => {
    e2e.sandbox.configure({ expiredTrustpilotTokenStatus: 403 });
    e2e.sandbox.expireTokens('trustpilot');
    e2e.runner.authData.trustpilot_token_expires_at = minutes(90 * 60);

    const err = await failure(e2e.runner.run('triggers.new_service_review'));

    expect(err.code).toBe('trustpilot_forbidden');
    expect(err.message).toContain('error code 1014');
    expect(err.message).toMatch(/1\) .*2\) /);
  });
});

describe('rules only where Trustpilot has them', () => {
  const withoutBusinessUser = () => {
    const { trustpilot_business_user_id: _omitted, ...rest } = e2e.runner.authData;
    e2e.runner.authData = rest;
  };

  it('invitation links work without a Business User ID, and send the header when there is one', async () => {
    await e2e.runner.run('creates.generate_invitation_link', { ...customer, reference_number: reference() });
    expect(e2e.sandbox.state.links[0]!.businessUserId).toBe(e2e.sandbox.credentials.trustpilot.businessUserId);
    withoutBusinessUser();
    await e2e.runner.run('creates.generate_invitation_link', { ...customer, reference_number: reference() });
    expect(e2e.sandbox.state.links[1]!.businessUserId).toBeNull();
  });

  it('Trustpilot’s refusal of a link without a business user reaches the user as a sentence', async () => {
    e2e.sandbox.configure({ refuse: { linksWithoutBusinessUser: true } });
    withoutBusinessUser();
    const err = await failure(e2e.runner.run('creates.generate_invitation_link', { ...customer, reference_number: reference() }));
    expect(err.code).toBe('trustpilot_forbidden');
    expect(err.message).toContain('Business User ID');
  });

  it('internationalised emails and http redirects pass, on email invitations and links alike', async () => {
    const inputs = { consumer_email: 'jürgen@münchen.de', consumer_name: 'Jürgen', redirect_uri: 'http://www.acme-outdoor.example/thanks' };
    await e2e.runner.run('creates.send_invitation', { ...inputs, reference_number: reference() });
    await e2e.runner.run('creates.generate_invitation_link', { ...inputs, reference_number: reference() });
    expect((e2e.sandbox.state.invitations[0]!.body as Record<string, unknown>).consumerEmail).toBe('jürgen@münchen.de');
    expect((e2e.sandbox.state.links[0]!.body as Record<string, unknown>).redirectUri).toBe('http://www.acme-outdoor.example/thanks');
  });

  it.each([
    ['an email with a line break', { consumer_email: 'ada@example.com\r\nbcc: eve@example.com' }, 'Customer Email: '],
    ['an email with a space', { consumer_email: 'ada lovelace@example.com' }, 'Customer Email: '],
    ['a javascript: redirect', { redirect_uri: 'javascript:alert(1)' }, 'Redirect URL: '],
    ['a data: redirect', { redirect_uri: 'data:text/html,hi' }, 'Redirect URL: '],
  ])('%s is refused before any call, naming the field by its label', async (_what, input, field) => {
    for (const step of ['creates.send_invitation', 'creates.generate_invitation_link'] as const) {
      const err = await failure(e2e.runner.run(step, { ...customer, reference_number: reference(), ...input }));
      expect(err.code).toBe('invalid_input');
      expect(err.message).toContain(field);
    }
    expect(e2e.sandbox.state.invitations).toEqual([]);
    expect(e2e.sandbox.state.links).toEqual([]);
  });

  it.each([
    ['an internationalised email', { internationalEmails: true }, { consumer_email: 'jürgen@münchen.de' }, 'Customer Email'],
    ['an http redirect', { httpRedirects: true }, { redirect_uri: 'http://www.acme-outdoor.example/thanks' }, 'Redirect URL'],
  ])('Trustpilot’s refusal of %s reaches the user as a sentence naming the field', async (_what, refuse, input, label) => {
    e2e.sandbox.configure({ refuse });
    for (const step of ['creates.send_invitation', 'creates.generate_invitation_link'] as const) {
      const err = await failure(e2e.runner.run(step, { ...customer, reference_number: reference(), ...input }));
      expect(err.message).toContain(`“${label}”`);
      expect(err.message).not.toContain('[object Object]');
    }
  });
});
