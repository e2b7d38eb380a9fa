import App from '../../index';
import { appTester, authData } from '../helpers';
import { fixture, flattenWhere, freezeClock, interceptQueries, parseSoql } from '../helpers/salesforce';
import { triggerFunction } from '../helpers/operations';

const trigger = App.triggers!.case_status_reached!;
const perform = triggerFunction('case_status_reached');

type Item = Record<string, unknown> & { id: string; entered_at: string };
const poll = (inputData: Record<string, unknown>, meta: Record<string, unknown> = {}) =>
  appTester(perform, { authData, inputData, meta }) as Promise<Item[]>;

freezeClock();

describe('Case Reached Status without history tracking (fallback)', () => {
  it('sends one query on the current status, skipping cases closed before the window', async () => {
    const log = interceptQueries({ body: fixture('case-status-fallback.json') });
    await poll({ status: 'Closed', tag_fields: ['Priority'] });
    expect(log.calls).toBe(1);
    expect(log.soql[0]).toBe(
      'SELECT Id, CaseNumber, Subject, Status, IsClosed, ClosedDate, Account.Name, LastModifiedDate, SystemModstamp, ' +
        'ContactId, Contact.Email, Contact.FirstName, Contact.LastName, Contact.Name, Priority ' +
        "FROM Case WHERE Status = 'Closed' AND SystemModstamp >= 2026-10-25T12:00:00Z AND (IsClosed = FALSE OR ClosedDate >= 2026-10-25T12:00:00Z) " +
        'ORDER BY SystemModstamp DESC LIMIT 2000',
    );
    // The OR stays inside its parentheses: Status AND SystemModstamp AND (IsClosed OR ClosedDate).
    const { conditions, operators } = flattenWhere(parseSoql(log.soql[0]!).where);
    expect(conditions.map((c) => [c.field, c.openParen ?? 0, c.closeParen ?? 0])).toEqual([
      ['Status', 0, 0],
      ['SystemModstamp', 0, 0],
      ['IsClosed', 1, 0],
      ['ClosedDate', 0, 1],
    ]);
    expect(operators).toEqual(['AND', 'AND', 'OR']);
  });

  it('fires once per case and status, entered at the closed date, with the case contact', async () => {
    interceptQueries({ body: fixture('case-status-fallback.json') });
    const items = await poll({ status: 'Closed', tag_fields: ['Priority'] });
    expect(items.map((i) => [i.id, i.entered_at])).toEqual([
      ['5005g00000Cas01026:Closed', '2026-11-01T16:22:03.000Z'],
      ['5005g00000Cas01027:Closed', '2026-10-31T10:00:00.000Z'],
      ['5005g00000Cas01028:Closed', '2026-10-30T09:00:00.000Z'],
    ]);
    expect(items[0]).toEqual({
      id: '5005g00000Cas01026:Closed',
      entered_at: '2026-11-01T16:22:03.000Z',
      status: 'Closed',
      record_id: '5005g00000Cas01026',
      record_type: 'Case',
      name: 'Tent zipper replaced',
      record_number: '00001026',
      case_number: '00001026',
      subject: 'Tent zipper replaced',
      account_name: 'Northwind Outfitters',
      reference_number: '00001026',
      product_skus: [],
      recipient_email: 'jane.doe@northwind.example',
      recipient_first_name: 'Jane',
      recipient_last_name: 'Doe',
      recipient_name: 'Jane Doe',
      recipient_contact_id: '0035g00000JaneDoe1',
      recipient_role: 'Case Contact',
      recipient_missing_reason: '',
      tags: ['High'],
      record_url: 'https://acme.lightning.force.com/lightning/r/Case/5005g00000Cas01026/view',
    });
    expect(Object.keys(items[0]!).sort()).toEqual(trigger.operation.outputFields!.map((f) => (f as { key: string }).key).sort());
    expect(Object.keys(trigger.operation.sample!).sort()).toEqual(Object.keys(items[0]!).sort());
    expect(items[1]).toMatchObject({ recipient_email: '', recipient_missing_reason: 'No case contact is set on the record.' });
  });

  it('invites the web email (SuppliedEmail) when asked, and says why when a case has none', async () => {
    const log = interceptQueries({ body: fixture('case-status-fallback.json') });
    const items = await poll({ status: 'Closed', recipient: 'supplied_email' });
    expect(log.soql[0]).toContain('SystemModstamp, SuppliedEmail, SuppliedName FROM Case');
    expect(items.map((i) => [i.recipient_email, i.recipient_name, i.recipient_role, i.recipient_missing_reason])).toEqual([
      ['jane.d@gmail.example', 'Jane D.', 'Web Email', ''],
      ['li.wei@example.org', 'Li Wei', 'Web Email', ''],
      ['', '', 'Web Email', 'The case has no Web Email: it was not created by Web-to-Case or Email-to-Case.'],
    ]);
  });
});

describe('Case Reached Status with Status history tracking', () => {
  it('sends one query with a CaseHistory semi-join and the Histories subquery', async () => {
    const log = interceptQueries({ body: fixture('case-status-history.json') });
    await poll({ status: 'Closed', history_tracking: 'true' });
    expect(log.calls).toBe(1);
    expect(log.soql[0]).toBe(
      'SELECT Id, CaseNumber, Subject, Status, IsClosed, ClosedDate, Account.Name, LastModifiedDate, SystemModstamp, ' +
        'ContactId, Contact.Email, Contact.FirstName, Contact.LastName, Contact.Name, ' +
        "(SELECT Id, CreatedDate, OldValue, NewValue FROM Histories WHERE Field = 'Status' ORDER BY CreatedDate DESC, Id DESC LIMIT 10) " +
        "FROM Case WHERE Id IN (SELECT CaseId FROM CaseHistory WHERE Field = 'Status' AND CreatedDate >= 2026-10-25T12:00:00Z) " +
        'ORDER BY SystemModstamp DESC LIMIT 2000',
    );
    expect(() => parseSoql(log.soql[0]!)).not.toThrow();
  });

  it('fires for each entry into the status, including a reopened case closed again, and not for other changes', async () => {
    interceptQueries({ body: fixture('case-status-history.json') });
    const items = await poll({ status: 'Closed', history_tracking: 'true' });
    expect(items.map((i) => [i.id, i.record_id, i.entered_at, i.status])).toEqual([
      ['0175g00000CHs02603', '5005g00000Cas01026', '2026-11-01T16:22:03.000Z', 'Closed'],
      ['0175g00000CHs02601', '5005g00000Cas01026', '2026-10-28T12:00:00.000Z', 'Closed'],
    ]);
  });
});

describe('Case Reached Status: one API call per poll', () => {
  const casePage = (count: number) => ({
    totalSize: count,
    done: true,
    records: Array.from({ length: count }, (_, i) => {
      const n = String(i).padStart(6, '0');
      const at = new Date(Date.parse('2026-11-01T11:00:00Z') - i * 60_000).toISOString().replace('Z', '+0000');
      return {
        attributes: { type: 'Case', url: `/services/data/v66.0/sobjects/Case/5005g0000K${n}AA` },
        Id: `5005g0000K${n}AA`,
        CaseNumber: `0002${n}`,
        Subject: `Question ${n}`,
        Status: 'Closed',
        IsClosed: true,
        ClosedDate: at,
        Account: null,
        LastModifiedDate: at,
        SystemModstamp: at,
        ContactId: `0035g0000C${n}AA`,
        Contact: { attributes: { type: 'Contact' }, Email: `customer${n}@example.org`, FirstName: 'Kim', LastName: `Lee ${n}`, Name: `Kim Lee ${n}` },
      };
    }),
  });

  it.each([1, 100, 2000])('costs exactly one call with %i matching cases', async (count) => {
    const log = interceptQueries({ body: casePage(count) });
    const items = await poll({ status: 'Closed' });
    expect(log.calls).toBe(1);
    expect(items).toHaveLength(Math.min(count, 100));
    expect(items[0]).toMatchObject({ id: '5005g0000K000000AA:Closed', recipient_email: 'customer000000@example.org' });
  });
});
