/** "Find Salesforce Record" against Salesforce's documented query answer (REST `resources-query`), with nock. */
import { appTester, authData, caught, zapierError } from '../helpers';
import { searchPerform } from '../helpers/operations';
import { interceptQueries, parseSoql } from '../helpers/salesforce';

const perform = searchPerform('find_salesforce_record');
const run = (inputData: Record<string, unknown>) => appTester(perform, { authData, inputData }) as Promise<Array<Record<string, any>>>;

const attributes = (type: string, id: string) => ({ type, url: `/services/data/v66.0/sobjects/${type}/${id}` });
const contact = (first: string, last: string, email: string | null, mobile: string | null = null) => ({
  attributes: { type: 'Contact', url: '/services/data/v66.0/sobjects/Contact/0035g00000AbCdEAAV' },
  Email: email,
  FirstName: first,
  LastName: last,
  Name: `${first} ${last}`,
  Phone: '+44 113 496 0000',
  MobilePhone: mobile,
});
const page = (...records: unknown[]) => ({ body: { totalSize: records.length, done: true, records } });

const ORDER_ID = '8015g000000Lk9PAAS';
const order = (status: string, code: string) => ({
  attributes: attributes('Order', ORDER_ID),
  Id: ORDER_ID,
  OrderNumber: '00000107',
  Status: status,
  StatusCode: code,
  LastModifiedDate: '2026-11-21T14:02:11.000+0000',
  Account: { attributes: attributes('Account', '0015g00000XyZ12AAB'), Name: 'Alpine Trail Outfitters' },
  BillToContactId: '0035g00000AbCdEAAV',
  BillToContact: contact('Maya', 'Lindqvist', 'maya@alpinetrail.example', '+1 303 555 0199'),
  ShipToContactId: null,
  ShipToContact: null,
});

describe('Find Salesforce Record', () => {
  it('finds an order by its Order Number in one query, still in the expected status, with the bill-to contact’s email and phones', async () => {
    const log = interceptQueries(page(order('Activated', 'Activated')));
    const [found, ...more] = await run({ reference: '00000107', record_type: 'order', expected_status: 'activated' });
    expect(more).toEqual([]);
    expect(log.calls).toBe(1);
    const q = parseSoql(log.soql[0]!);
    expect(log.soql[0]).toContain("FROM Order WHERE OrderNumber = '00000107' LIMIT 2");
    expect(q.fields).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'MobilePhone', relationships: ['BillToContact'] })]));
    expect(found).toMatchObject({
      id: ORDER_ID,
      record_type: 'Order',
      record_number: '00000107',
      status: 'Activated',
      status_category: 'Activated',
      expected_status: 'activated',
      still_in_expected_status: true,
      is_closed: false,
      is_cancelled: false,
      is_won: null,
      last_modified_at: '2026-11-21T14:02:11.000Z',
      recipient_email: 'maya@alpinetrail.example',
      recipient_name: 'Maya Lindqvist',
      recipient_phone: '+44 113 496 0000',
      recipient_mobile_phone: '+1 303 555 0199',
      recipient_role: 'Bill To',
      recipient_missing_reason: '',
      reference_number: '00000107',
      record_url: `https://acme.lightning.force.com/lightning/r/Order/${ORDER_ID}/view`,
    });
  });

  it('says a cancelled order is no longer in its expected status, and is cancelled', async () => {
    interceptQueries(page(order('Cancelled', 'Draft')));
    const [found] = await run({ reference: ORDER_ID, record_type: 'order', expected_status: 'Activated' });
    expect(found).toMatchObject({ status: 'Cancelled', still_in_expected_status: false, is_cancelled: true, is_closed: true });
  });

  it('looks a record up by Id when the reference is that object’s id', async () => {
    const log = interceptQueries(page(order('Activated', 'Activated')));
    const [found] = await run({ reference: ORDER_ID, record_type: 'order' });
    expect(log.soql[0]).toContain(`FROM Order WHERE Id = '${ORDER_ID}' LIMIT 2`);
    // Without an Expected Status there is nothing to compare with.
    expect(found).toMatchObject({ expected_status: '', still_in_expected_status: null });
  });

  it('finds an opportunity by id with its primary contact role; a lost one counts as cancelled', async () => {
    const id = '0065g00000QrStUAAV';
    const log = interceptQueries(
      page({
        attributes: attributes('Opportunity', id),
        Id: id,
        Name: 'Alpine Trail – Spring Tent Order',
        StageName: 'Closed Lost',
        IsClosed: true,
        IsWon: false,
        LastModifiedDate: '2026-11-20T10:00:00.000+0000',
        Account: null,
        OpportunityContactRoles: {
          totalSize: 1,
          done: true,
          records: [{ attributes: attributes('OpportunityContactRole', '00K5g000001AbCdEAK'), ContactId: '0035g00000AbCdEAAV', Role: 'Decision Maker', IsPrimary: true, Contact: contact('Priya', 'Raman', 'priya@alpinetrail.example') }],
        },
      }),
    );
    const [found] = await run({ reference: id, record_type: 'opportunity', expected_status: 'Closed Won' });
    expect(log.soql[0]).toContain('(SELECT ContactId, Role, IsPrimary, Contact.Email');
    expect(log.soql[0]).toContain(`FROM Opportunity WHERE Id = '${id}' LIMIT 2`);
    expect(found).toMatchObject({ status: 'Closed Lost', still_in_expected_status: false, is_closed: true, is_won: false, is_cancelled: true, recipient_email: 'priya@alpinetrail.example', recipient_role: 'Decision Maker', reference_number: id });
  });

  it('a case without a contact falls back to its Web Email', async () => {
    interceptQueries(
      page({
        attributes: attributes('Case', '5005g00000PqRsTAAV'),
        Id: '5005g00000PqRsTAAV',
        CaseNumber: '00001027',
        Subject: 'Where is my parcel?',
        Status: 'Closed',
        IsClosed: true,
        LastModifiedDate: '2026-11-20T10:00:00.000+0000',
        Account: null,
        ContactId: null,
        Contact: null,
        SuppliedEmail: 'lena.hoffmann@example.net',
        SuppliedName: 'Lena Hoffmann',
        SuppliedPhone: null,
      }),
    );
    const [found] = await run({ reference: '00001027', record_type: 'case', expected_status: 'Closed' });
    expect(found).toMatchObject({ still_in_expected_status: true, is_closed: true, is_cancelled: false, recipient_email: 'lena.hoffmann@example.net', recipient_role: 'Web Email', name: 'Where is my parcel?' });
  });

  it('no record is an empty result, as Zapier expects of a search', async () => {
    interceptQueries(page());
    await expect(run({ reference: '99999999', record_type: 'order' })).resolves.toEqual([]);
  });

  it('an order number matching two orders is an error naming both, not a guess', async () => {
    interceptQueries(page(order('Activated', 'Activated'), { ...order('Activated', 'Activated'), Id: '8015g000000Lk9QAAS' }));
    const err = await caught(() => run({ reference: '00000107', record_type: 'order' }));
    expect(zapierError(err).message).toMatch(/^Reference: “00000107” matches more than one order \(8015g000000Lk9PAAS, 8015g000000Lk9QAAS\)/);
  });

  it('escapes the reference in SOQL', async () => {
    const log = interceptQueries(page());
    await run({ reference: "O'Brien\\", record_type: 'opportunity' });
    expect(log.soql[0]).toContain("WHERE Name = 'O\\'Brien\\\\' LIMIT 2");
  });

  it.each([
    [{ reference: '', record_type: 'order' }, /^Reference: is required/],
    [{ reference: '00000107', record_type: '' }, /^Record Type: choose Opportunity, Order or Case/],
    [{ reference: '00000107', record_type: 'invoice' }, /^Record Type: "invoice" is not one of/],
    [{ reference: 'a\nb', record_type: 'order' }, /^Reference: must be one line/],
    [{ reference: '00000107', record_type: 'order', expected_status: 'x'.repeat(300) }, /^Expected Status: is 300 characters long; the most allowed is 255\.$/],
  ])('bad input fails before any call: %j', async (input, message) => {
    const log = interceptQueries(page());
    const err = await caught(() => run(input));
    expect(zapierError(err)).toMatchObject({ code: 'invalid_input', message: expect.stringMatching(message) });
    expect(log.calls).toBe(0);
  });
});
