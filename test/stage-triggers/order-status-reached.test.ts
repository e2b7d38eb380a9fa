import nock from 'nock';

import App from '../../index';
import { appTester, authData, caught, SALESFORCE_INSTANCE, SF_DATA, zapierError } from '../helpers';
import { fixture, freezeClock, interceptQueries, parseSoql } from '../helpers/salesforce';
import { triggerFunction } from '../helpers/operations';

const trigger = App.triggers!.order_status_reached!;
const perform = triggerFunction('order_status_reached');

type Item = Record<string, unknown> & { id: string; entered_at: string };
const poll = (inputData: Record<string, unknown>, meta: Record<string, unknown> = {}) =>
  appTester(perform, { authData, inputData, meta }) as Promise<Item[]>;

const empty = { body: { totalSize: 0, done: true, records: [] } };

freezeClock();

describe('Order Reached Status with Status history tracking', () => {
  it('sends one query: semi-join on OrderHistory status changes in the window, Histories and OrderItems as subqueries', async () => {
    const log = interceptQueries({ body: fixture('order-status-history.json') });
    await poll({ status: 'Activated', history_tracking: 'true', tag_fields: ['Channel__c'] });
    expect(log.calls).toBe(1);
    expect(log.soql[0]).toBe(
      'SELECT Id, OrderNumber, Status, EffectiveDate, Account.Name, LastModifiedDate, SystemModstamp, ' +
        'BillToContactId, BillToContact.Email, BillToContact.FirstName, BillToContact.LastName, BillToContact.Name, Channel__c, ' +
        "(SELECT Id, CreatedDate, OldValue, NewValue FROM Histories WHERE Field = 'Status' ORDER BY CreatedDate DESC, Id DESC LIMIT 10), " +
        '(SELECT Product2.StockKeepingUnit, Product2.ProductCode FROM OrderItems) ' +
        "FROM Order WHERE Id IN (SELECT OrderId FROM OrderHistory WHERE Field = 'Status' AND CreatedDate >= 2026-10-25T12:00:00Z) " +
        'ORDER BY SystemModstamp DESC LIMIT 2000',
    );
    expect(parseSoql(log.soql[0]!).sObject).toBe('Order');
  });

  it('fires once per entry into the status, keyed by the history row, and again after a re-entry', async () => {
    interceptQueries({ body: fixture('order-status-history.json') });
    const items = await poll({ status: 'Activated', history_tracking: true });
    expect(items.map((i) => [i.id, i.record_id, i.entered_at, i.status])).toEqual([
      ['0175g00000OHs10702', '8015g00000Ord00107', '2026-11-01T14:05:40.000Z', 'Activated'],
      ['0175g00000OHs10700', '8015g00000Ord00107', '2026-10-30T09:00:00.000Z', 'Activated'],
      ['0175g00000OHs10800', '8015g00000Ord00108', '2026-10-29T09:00:00.000Z', 'Activated'],
    ]);
  });

  it('emits the bill-to contact, SKUs (SKU, else product code), tags and order fields', async () => {
    interceptQueries({ body: fixture('order-status-history.json') });
    const [first] = await poll({ status: 'Activated', history_tracking: 'yes', tag_fields: 'Channel__c' });
    expect(first).toEqual({
      id: '0175g00000OHs10702',
      entered_at: '2026-11-01T14:05:40.000Z',
      status: 'Activated',
      record_id: '8015g00000Ord00107',
      record_type: 'Order',
      name: 'Order 00000107',
      record_number: '00000107',
      order_number: '00000107',
      effective_date: '2026-10-30',
      account_name: 'Northwind Outfitters',
      reference_number: '00000107',
      product_skus: ['TENT-2P-GRN', 'STOVE-MINI'],
      recipient_email: 'tom.baker@northwind.example',
      recipient_first_name: 'Tom',
      recipient_last_name: 'Baker',
      recipient_name: 'Tom Baker',
      recipient_contact_id: '0035g00000TomBakr1',
      recipient_role: 'Bill To',
      recipient_missing_reason: '',
      tags: ['Web'],
      record_url: 'https://acme.lightning.force.com/lightning/r/Order/8015g00000Ord00107/view',
    });
    expect(Object.keys(first!).sort()).toEqual(trigger.operation.outputFields!.map((f) => (f as { key: string }).key).sort());
    expect(Object.keys(trigger.operation.sample!).sort()).toEqual(Object.keys(first!).sort());
  });

  it('invites the ship-to contact when asked, and says why when an order has none', async () => {
    const log = interceptQueries({ body: fixture('order-status-history.json') });
    const items = await poll({ status: 'Shipped', history_tracking: 'true', recipient: 'ship_to' });
    expect(log.soql[0]).toContain('ShipToContactId, ShipToContact.Email, ShipToContact.FirstName, ShipToContact.LastName, ShipToContact.Name');
    expect(log.soql[0]).not.toContain('BillToContact');
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      id: '0175g00000OHs10801',
      recipient_email: '',
      recipient_name: 'Pat Jones',
      recipient_role: 'Ship To',
      recipient_missing_reason: 'The ship-to contact Pat Jones has no email address.',
    });

    interceptQueries({ body: fixture('order-status-history.json') });
    const billTo = await poll({ status: 'Shipped', history_tracking: 'true' });
    expect(billTo[0]).toMatchObject({ recipient_email: '', recipient_missing_reason: 'No bill-to contact is set on the record.' });
  });

  it('tells the user what to do when Order history is not available', async () => {
    nock(SALESFORCE_INSTANCE)
      .get(`${SF_DATA}/query`)
      .query(true)
      .reply(400, [
        {
          message:
            "\n(SELECT Id, CreatedDate, OldValue, NewValue FROM Histories WHERE Field = 'Status'\n                                                   ^\nERROR at Row:1:Column:206\nDidn't understand relationship 'Histories' in FROM part of query call. If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name. Please reference your WSDL or the describe call for the appropriate names.",
          errorCode: 'INVALID_TYPE',
        },
      ]);
    const err = zapierError(await caught(() => poll({ status: 'Activated', history_tracking: 'true' })));
    expect(err.message).toMatch(/^Salesforce says relationship `Histories` does not exist/);
    expect(err.message).toMatch(/Set History Tracking\), or set Status History Tracking to No\.$/);
  });
});

describe('Order Reached Status without history tracking (fallback)', () => {
  it('filters on the current status and recent modification, newest first', async () => {
    const log = interceptQueries({ body: fixture('order-status-fallback.json') });
    await poll({ status: 'Activated' });
    expect(log.calls).toBe(1);
    expect(log.soql[0]).toBe(
      'SELECT Id, OrderNumber, Status, EffectiveDate, Account.Name, LastModifiedDate, SystemModstamp, ' +
        'BillToContactId, BillToContact.Email, BillToContact.FirstName, BillToContact.LastName, BillToContact.Name, ' +
        '(SELECT Product2.StockKeepingUnit, Product2.ProductCode FROM OrderItems) ' +
        "FROM Order WHERE Status = 'Activated' AND SystemModstamp >= 2026-10-25T12:00:00Z ORDER BY SystemModstamp DESC LIMIT 2000",
    );
    expect(() => parseSoql(log.soql[0]!)).not.toThrow();
  });

  it('fires once per record and status: id "<record id>:<status>"', async () => {
    interceptQueries({ body: fixture('order-status-fallback.json') });
    const items = await poll({ status: 'activated' });
    expect(items.map((i) => [i.id, i.entered_at])).toEqual([
      ['8015g00000Ord00107:Activated', '2026-11-01T14:05:40.000Z'],
      ['8015g00000Ord00109:Activated', '2026-10-30T12:00:00.000Z'],
    ]);
    expect(items[1]).toMatchObject({
      recipient_email: '',
      recipient_contact_id: '0035g00000HiddenC1',
      recipient_missing_reason: 'The bill-to contact (0035g00000HiddenC1) was deleted or is not visible to the connected Salesforce user.',
      product_skus: [],
    });
  });

  it('seeds the dedupe table with every record already in the status when the Zap is turned on', async () => {
    const log = interceptQueries({ body: fixture('order-status-fallback.json') });
    await poll({ status: 'Activated' }, { isPopulatingDedupe: true });
    expect(log.soql[0]).toContain("FROM Order WHERE Status = 'Activated' ORDER BY SystemModstamp DESC LIMIT 2000");
  });

  it('suggests enabling Orders when the org does not have them', async () => {
    nock(SALESFORCE_INSTANCE)
      .get(`${SF_DATA}/query`)
      .query(true)
      .reply(400, [
        {
          message:
            "\nFROM Order WHERE Status = 'Activated'\n     ^\nERROR at Row:1:Column:180\nsObject type 'Order' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names.",
          errorCode: 'INVALID_TYPE',
        },
      ]);
    const err = zapierError(await caught(() => poll({ status: 'Activated' })));
    expect(err.message).toBe(
      'Salesforce says object `Order` is not available in your org (or the connected Salesforce user cannot see it) (INVALID_TYPE), ' +
        'so we could not read the orders that reached “Activated”. Orders may be turned off in this org: Setup → Order Settings → Enable Orders.',
    );
  });

  it('rejects an unknown recipient before any call', async () => {
    const log = interceptQueries(empty);
    const err = zapierError(await caught(() => poll({ status: 'Activated', recipient: 'sold_to' })));
    expect(err).toEqual({ code: 'invalid_input', message: 'Customer to Invite: "sold_to" is not one of bill_to, ship_to.' });
    expect(log.calls).toBe(0);
  });
});
