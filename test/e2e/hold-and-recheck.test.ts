/**
 * The hold-and-recheck Zap, end to end through the real app and the sandbox:
 *   Order Reached Status (Activated) → Delay For 5 days (simulated: the orders change meanwhile) →
 *   Find Salesforce Record (expected status = the trigger's Status) → Filter “Still In Expected Status is true” →
 *   Send Review Invitation.
 * An order cancelled during the delay is not invited; the rule is about the order's state only.
 */
import { SALESFORCE } from '../../sandbox';
import { startE2E, type E2E } from './harness';

type Row = Record<string, any>;

describe('hold and recheck: Order Reached Status → delay → Find Salesforce Record → Filter → Send Review Invitation', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(() => e2e.close());

  it('invites the customer whose order is still Activated, and not the one whose order was cancelled during the delay', async () => {
    const { runner, sandbox } = e2e;
    const cancelled = SALESFORCE.orders.activated; // 00000101, ship-to Jonas
    const kept = SALESFORCE.orders.noBillTo; // 00000102, ship-to Tom

    // 1. Trigger: the orders that reached Activated, invitations going to the ship-to contact.
    const entries = await runner.run<Row[]>('triggers.order_status_reached', { status: 'Activated', recipient: 'ship_to' });
    const held = entries.filter((e) => [cancelled.id, kept.id].includes(e.record_id));
    expect(held.map((e) => e.reference_number).sort()).toEqual([cancelled.orderNumber, kept.orderNumber]);

    // 2. Delay: during the wait, order 00000101 is cancelled in Salesforce.
    sandbox.story.setOrderStatus(cancelled.id, 'Cancelled');

    // 3–5. Each held run rechecks its order, and only a run whose filter passes sends an invitation.
    const queriesBefore = sandbox.state.calls['GET /services/data/:version/query'] ?? 0;
    const outcomes: Record<string, { still: boolean; status: string; invited: boolean }> = {};
    for (const entry of held) {
      const [record] = await runner.run<Row[]>('searches.find_salesforce_record', {
        reference: entry.reference_number,
        record_type: 'order',
        expected_status: entry.status,
      });
      expect(record).toMatchObject({ id: entry.record_id, reference_number: entry.reference_number });
      let invited = false;
      if (record!.still_in_expected_status === true) {
        const sent = await runner.run<Row>('creates.send_invitation', {
          consumer_email: entry.recipient_email,
          consumer_name: entry.recipient_name,
          reference_number: entry.reference_number,
          product_skus: entry.product_skus,
        });
        invited = sent.invited === true;
      }
      outcomes[entry.reference_number] = { still: record!.still_in_expected_status, status: record!.status, invited };
    }

    expect(outcomes).toEqual({
      [cancelled.orderNumber]: { still: false, status: 'Cancelled', invited: false },
      [kept.orderNumber]: { still: true, status: 'Activated', invited: true },
    });
    // One query per recheck.
    expect((sandbox.state.calls['GET /services/data/:version/query'] ?? 0) - queriesBefore).toBe(2);
    // Exactly one invitation, to the customer of the order that is still Activated.
    expect(sandbox.state.invitations).toHaveLength(1);
    expect(sandbox.state.invitations[0]!.body).toMatchObject({ consumerEmail: SALESFORCE.contacts.tom.email, referenceNumber: kept.orderNumber });
  });
});
