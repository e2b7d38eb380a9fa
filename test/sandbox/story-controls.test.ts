/** The sandbox's controls for the review lifecycle: an order's status changes in Salesforce, the TrustScore changes on Trustpilot. */
import { SALESFORCE, startSandbox, TRUSTPILOT, type Sandbox } from '../../sandbox';
import { records, salesforceToken } from './helpers';

let sb: Sandbox;
beforeAll(async () => {
  sb = await startSandbox();
});
afterAll(() => sb.close());
beforeEach(() => sb.reset());

it('an order cancelled after activation: new Status, its Draft category, and an OrderHistory row, as Field History Tracking writes it', async () => {
  const order = SALESFORCE.orders.activated;
  sb.story.setOrderStatus(order.id, 'Cancelled');
  const token = await salesforceToken(sb);
  const page = await records<Record<string, any>>(
    sb,
    token,
    `SELECT Status, StatusCode, (SELECT OldValue, NewValue FROM Histories WHERE Field = 'Status' ORDER BY CreatedDate DESC LIMIT 1) FROM Order WHERE Id = '${order.id}'`,
  );
  expect(page.records[0]).toMatchObject({ Status: 'Cancelled', StatusCode: 'Draft', Histories: { records: [expect.objectContaining({ OldValue: 'Activated', NewValue: 'Cancelled' })] } });
  expect(() => sb.story.setOrderStatus(order.id, 'Returned to sender')).toThrow(/No order status "Returned to sender"/);
});

it('contacts have a Mobile Phone field, as Salesforce’s Contact does', async () => {
  const token = await salesforceToken(sb);
  const page = await records<Record<string, any>>(sb, token, `SELECT MobilePhone FROM Contact WHERE Id = '${SALESFORCE.contacts.maya.id}'`);
  expect(page.records[0]!.MobilePhone).toBe('+1 720 555 0199');
});

it('the public profile answers with the TrustScore set by the story, and reset restores the seed’s', async () => {
  const profile = async () => {
    const res = await fetch(`${sb.urls.trustpilotApi}/v1/business-units/${TRUSTPILOT.businessUnit.id}`, { headers: { apikey: TRUSTPILOT.apiKey } });
    return ((await res.json()) as { score: unknown }).score;
  };
  const seeded = await profile();
  sb.story.setTrustScore({ trustScore: 2.7, stars: 2.5 });
  expect(await profile()).toEqual({ trustScore: 2.7, stars: 2.5 });
  await sb.reset();
  expect(await profile()).toEqual(seeded);
});
