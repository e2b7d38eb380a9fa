/**
 * Where real orgs differ from a simple stand-in: batches cut at 2,000 records counting child rows,
 * child lists over 200 paged with their own locators, unfilterable history values, history only for
 * tracked fields, org-defined task statuses, field-level security and person accounts.
 */
import { ManualClock, startSandbox, type Sandbox } from '../../sandbox';
import { postJson, query, records, salesforceToken, type QueryPage } from './helpers';

const NOW = Date.UTC(2026, 10, 20, 12);
const HOUR = 3_600_000;
const clock = new ManualClock(NOW);
let sb: Sandbox;
let token: string;

beforeAll(async () => {
  sb = await startSandbox({ clock });
  token = await salesforceToken(sb);
});
afterAll(() => sb.close());
afterEach(() => sb.reset().then(async () => (token = await salesforceToken(sb))));

const run = (soql: string) => records(sb, token, soql);
const error = async (soql: string) => {
  const { status, body } = await query(sb, token, soql);
  expect(status).toBe(400);
  return (body as Array<{ errorCode: string; message: string }>)[0]!;
};
const more = async (url: string): Promise<QueryPage> => {
  const res = await fetch(`${sb.urls.salesforce}${url}`, { headers: { authorization: `Bearer ${token}` } });
  expect(res.status).toBe(200);
  return (await res.json()) as QueryPage;
};

describe('query batches', () => {
  it('count child rows toward the 2,000-record batch, and serve the rest at nextRecordsUrl', async () => {
    const org = sb.story.activity();
    // 300 orders with 9 line items each: 10 records per order, so a batch holds 200 orders.
    for (let i = 0; i < 300; i++) org.newOrder(NOW - (i + 1) * HOUR, 9);
    const first = await run("SELECT Id, (SELECT Id FROM OrderItems) FROM Order WHERE OrderNumber LIKE '003%'");
    expect(first.totalSize).toBe(300);
    expect(first.done).toBe(false);
    expect(first.records).toHaveLength(200);
    expect(first.nextRecordsUrl).toMatch(/^\/services\/data\/v66\.0\/query\/01g\w+-200$/);
    const second = await more(first.nextRecordsUrl!);
    expect(second).toMatchObject({ done: true, totalSize: 300 });
    expect(second.records).toHaveLength(100);
  });

  it('a flat query holds 2,000 rows per batch', async () => {
    const org = sb.story.activity();
    const id = org.newOrder(NOW - HOUR, 0);
    org.addLineItems(id, 2100, NOW - HOUR);
    const first = await run(`SELECT Id FROM OrderItem WHERE OrderId = '${id}'`);
    expect(first.records).toHaveLength(2000);
    expect(first.done).toBe(false);
    expect((await more(first.nextRecordsUrl!)).records).toHaveLength(100);
  });

  it('cut a child list over 200 rows, with its own done: false and locator', async () => {
    const org = sb.story.activity();
    const id = org.newOrder(NOW - HOUR, 230);
    const page = await run(`SELECT Id, (SELECT Product2.StockKeepingUnit FROM OrderItems) FROM Order WHERE Id = '${id}'`);
    const items = page.records[0]!.OrderItems as QueryPage;
    expect(items).toMatchObject({ totalSize: 230, done: false });
    expect(items.records).toHaveLength(200);
    const rest = await more(items.nextRecordsUrl!);
    expect(rest).toMatchObject({ done: true });
    expect(rest.records).toHaveLength(30);
  });

  it('refuse an unknown locator as Salesforce does', async () => {
    const res = await fetch(`${sb.urls.salesforce}/services/data/v66.0/query/01gXXXXXXXXXXXXXXX-2000`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual([{ errorCode: 'INVALID_QUERY_LOCATOR', message: 'invalid query locator' }]);
  });
});

describe('field history', () => {
  it('refuses a filter on NewValue or OldValue', async () => {
    for (const field of ['NewValue', 'OldValue']) {
      const e = await error(`SELECT CaseId FROM CaseHistory WHERE Field = 'Status' AND ${field} = 'Closed'`);
      expect(e).toEqual({ errorCode: 'INVALID_FIELD', message: `field '${field}' can not be filtered in a query call` });
    }
  });

  it('has rows only for tracked fields, and FieldDefinition says which are tracked', async () => {
    const org = sb.story.activity();
    sb.story.org().historyTracked.delete('Case.Status');
    const caseId = org.newCase(NOW - 2 * HOUR);
    org.setCaseStatus(caseId, 'Closed', NOW - HOUR);
    expect((await run(`SELECT Id FROM CaseHistory WHERE CaseId = '${caseId}' AND Field = 'Status'`)).records).toEqual([]);
    const tracked = await run(
      "SELECT QualifiedApiName, IsFieldHistoryTracked FROM FieldDefinition WHERE EntityDefinition.QualifiedApiName = 'Case' AND QualifiedApiName = 'Status'",
    );
    expect(tracked.records).toEqual([expect.objectContaining({ QualifiedApiName: 'Status', IsFieldHistoryTracked: false })]);

    sb.story.org().historyTracked.add('Case.Status');
    org.setCaseStatus(caseId, 'Working', NOW);
    expect((await run(`SELECT NewValue FROM CaseHistory WHERE CaseId = '${caseId}' AND Field = 'Status'`)).records).toEqual([
      expect.objectContaining({ NewValue: 'Working' }),
    ]);
  });

  it('is configured per org at start', async () => {
    const other = await startSandbox({ clock, salesforceOrg: { historyTracked: [] } });
    try {
      const t = await salesforceToken(other);
      const page = await records(other, t, "SELECT IsFieldHistoryTracked FROM FieldDefinition WHERE EntityDefinition.QualifiedApiName = 'Order' AND QualifiedApiName = 'Status'");
      expect(page.records[0]).toMatchObject({ IsFieldHistoryTracked: false });
    } finally {
      await other.close();
    }
  });
});

describe('task statuses', () => {
  it('are the org’s own: an unknown status is refused as a restricted picklist', async () => {
    const org = sb.story.org();
    org.taskStatuses = [
      { apiName: 'Open', closed: false, isDefault: true },
      { apiName: 'Done', closed: true },
    ];
    const closed = await run('SELECT ApiName FROM TaskStatus WHERE IsClosed = true ORDER BY SortOrder');
    expect(closed.records.map((r) => r.ApiName)).toEqual(['Done']);
    const res = await postJson(`${sb.urls.salesforce}/services/data/v66.0/sobjects/Task`, token, { Subject: 'x', Status: 'Completed' });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual([
      { errorCode: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST', message: 'Status: bad value for restricted picklist field: Completed', fields: ['Status'] },
    ]);
    const ok = await postJson(`${sb.urls.salesforce}/services/data/v66.0/sobjects/Task`, token, { Subject: 'x', Status: 'Done' });
    expect(ok.status).toBe(201);
  });
});

describe('field-level security and person accounts', () => {
  it('answers a field the user cannot read as "No such column"', async () => {
    sb.story.org().hiddenFields.add('Contact.MobilePhone');
    const e = await error('SELECT Id, MobilePhone FROM Contact');
    expect(e.errorCode).toBe('INVALID_FIELD');
    expect(e.message).toContain("No such column 'MobilePhone' on entity 'Contact'");
    const viaParent = await error('SELECT Id, BillToContact.MobilePhone FROM Order');
    expect(viaParent.message).toContain("No such column 'MobilePhone' on entity 'Contact'");
  });

  it('has Account.PersonEmail only when person accounts are enabled', async () => {
    expect((await error('SELECT PersonEmail FROM Account')).message).toContain("No such column 'PersonEmail' on entity 'Account'");
    sb.story.org().personAccounts = true;
    await expect(run('SELECT PersonEmail, PersonMobilePhone FROM Account LIMIT 1')).resolves.toMatchObject({ done: true });
    const defs = await run("SELECT QualifiedApiName FROM FieldDefinition WHERE EntityDefinition.QualifiedApiName = 'Account' AND QualifiedApiName = 'PersonEmail'");
    expect(defs.records).toHaveLength(1);
  });
});
