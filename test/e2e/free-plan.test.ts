/**
 * A business on Trustpilot's Free plan (no API): its connection has the AFS part and Salesforce only. It builds
 * "Order Reached Status → Build AFS Invitation Email → (Gmail)" without typing its BCC address in the step, and
 * an order without an email goes through as not invited, with the reason, instead of an error.
 */
import nock from 'nock';

import App from '../../index';
import { startSandbox, type Sandbox } from '../../sandbox';
import { connectionFields } from '../../sandbox/connection-fields';
import { ZapierRunner } from '../../sandbox/zapier-runner';

type Row = Record<string, unknown>;

let sandbox: Sandbox;
let runner: ZapierRunner;
let afsAddress: string;

beforeAll(async () => {
  nock.restore();
  nock.enableNetConnect();
  sandbox = await startSandbox();
  const all = connectionFields(sandbox);
  afsAddress = `${sandbox.credentials.trustpilot.domain}+3b16a3a86d@invite.trustpilot.com`;
  runner = new ZapierRunner({ app: App });
  // Only what a Free-plan business has: no Trustpilot API key, secret or user, no BGL keys.
  await runner.connect({
    afs_bcc_address: afsAddress,
    salesforce_domain: all.salesforce_domain!,
    salesforce_client_id: all.salesforce_client_id!,
    salesforce_client_secret: all.salesforce_client_secret!,
  });
});

afterAll(async () => {
  await sandbox.close();
});

describe('a Free-plan connection: AFS and Salesforce, no Trustpilot API', () => {
  it('passes the connection test and is labelled in words', async () => {
    await expect(runner.testConnection()).resolves.toMatchObject({ afs_profile_domain: sandbox.credentials.trustpilot.domain, trustpilot_business_unit: '' });
    await expect(runner.connectionLabel()).resolves.toMatch(new RegExp(`^${sandbox.credentials.trustpilot.domain.replace(/\./g, '\\.')} \\(AFS\\) · Salesforce `));
  });

  it('runs Order Reached Status → Build AFS Invitation Email without the BCC address in the step', async () => {
    const orders = await runner.run<Row[]>('triggers.order_status_reached', { status: 'Activated' });
    const withEmail = orders.find((o) => o.recipient_email);
    const withoutEmail = orders.find((o) => !o.recipient_email);
    expect(withEmail).toBeDefined();
    expect(withoutEmail).toBeDefined();

    const body = '<html><body><p>Your order has shipped.</p></body></html>';
    const step = (order: Row) =>
      runner.run<Row>('creates.build_afs_email', {
        consumer_email: order.recipient_email,
        consumer_name: order.recipient_name,
        reference_number: order.reference_number,
        body_html: body,
      });

    const invited = await step(withEmail!);
    expect(invited).toMatchObject({ to: withEmail!.recipient_email, bcc: afsAddress, invited: true });
    expect(String(invited.html_body)).toContain('<script type="application/json+trustpilot">');

    // Zapier would halt a step whose required field is empty; Customer Email is optional so the app can say why.
    const notInvited = await step(withoutEmail!);
    expect(notInvited).toMatchObject({ to: '', bcc: '', snippet_html: '', html_body: body, invited: false });
    expect(notInvited.reason).toMatch(/^No email address .*Customer Email is empty, so no invitation was created\.$/);
  });

  it('says which part is missing when a step needs the Trustpilot API', async () => {
    await expect(runner.run('creates.send_invitation', { consumer_email: 'maya@example.com', consumer_name: 'Maya', reference_number: 'R-1' })).rejects.toThrow(
      /Trustpilot/,
    );
  });
});
