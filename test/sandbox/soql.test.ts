import { ManualClock, SALESFORCE as SF, startSandbox, type Sandbox } from '../../sandbox';
import { bearer, postJson, query, records, salesforceToken, type QueryPage } from './helpers';

// Seed dates are relative to the clock: "Closed Won 2 days ago" is 2026-11-18T12:00Z here.
const clock = new ManualClock(Date.UTC(2026, 10, 20, 12));
let sb: Sandbox;
let token: string;

beforeAll(async () => {
  sb = await startSandbox({ clock });
  token = await salesforceToken(sb);
});
afterAll(() => sb.close());

const run = (soql: string) => records(sb, token, soql);
const names = async (soql: string) => (await run(soql)).records.map((r) => r.Name ?? r.OrderNumber ?? r.CaseNumber ?? r.ApiName);
const error = async (soql: string) => {
  const { status, body } = await query(sb, token, soql);
  expect(status).toBe(400);
  expect(Array.isArray(body)).toBe(true);
  return (body as { errorCode: string; message: string }[])[0]!;
};
const O = SF.opportunities;

describe('result shape', () => {
  it('wraps records with attributes, nests parents, and gives null for an empty lookup', async () => {
    const page = await run('SELECT OrderNumber, Account.Name, BillToContact.Email, ShipToContact.Email FROM Order ORDER BY OrderNumber LIMIT 2');
    expect(page).toEqual({
      totalSize: 2,
      done: true,
      records: [
        {
          attributes: { type: 'Order', url: `/services/data/v66.0/sobjects/Order/${SF.orders.activated.id}` },
          OrderNumber: '00000101',
          Account: { attributes: { type: 'Account', url: `/services/data/v66.0/sobjects/Account/${SF.accounts.alpine.id}` }, Name: SF.accounts.alpine.name },
          BillToContact: { attributes: { type: 'Contact', url: expect.stringContaining(SF.contacts.maya.id) }, Email: SF.contacts.maya.email },
          ShipToContact: { attributes: { type: 'Contact', url: expect.stringContaining(SF.contacts.jonas.id) }, Email: SF.contacts.jonas.email },
        },
        expect.objectContaining({ OrderNumber: '00000102', BillToContact: null, ShipToContact: expect.objectContaining({ Email: SF.contacts.tom.email }) }),
      ],
    });
  });

  it('formats datetimes as 2026-11-18T12:00:00.000+0000 and dates as YYYY-MM-DD', async () => {
    const page = await run(`SELECT LastStageChangeDate, CloseDate FROM Opportunity WHERE Id = '${O.closedWon.id}'`);
    expect(page.records[0]).toMatchObject({ LastStageChangeDate: '2026-11-18T12:00:00.000+0000', CloseDate: '2026-11-18' });
  });

  it('uses canonical field names whatever the case in the query, and matches 15-character ids', async () => {
    const page = await run(`select id, stagename from opportunity where ID = '${O.closedWon.id.slice(0, 15)}'`);
    expect(page.records).toEqual([expect.objectContaining({ Id: O.closedWon.id, StageName: 'Closed Won' })]);
  });
});

describe('child subqueries', () => {
  it('apply their own WHERE, ORDER BY and LIMIT, and are null when empty', async () => {
    const page = await run(`
      SELECT Name,
        (SELECT Role, IsPrimary, Contact.Email FROM OpportunityContactRoles WHERE IsPrimary = true),
        (SELECT Quantity, Product2.StockKeepingUnit, Product2.ProductCode FROM OpportunityLineItems ORDER BY Quantity DESC LIMIT 1)
      FROM Opportunity WHERE Id IN ('${O.closedWon.id}', '${O.noContactRole.id}') ORDER BY Name`);
    const [alpine, northwind] = page.records;
    expect(alpine!.OpportunityContactRoles).toEqual({
      totalSize: 1,
      done: true,
      records: [expect.objectContaining({ Role: 'Decision Maker', IsPrimary: true, Contact: expect.objectContaining({ Email: SF.contacts.maya.email }) })],
    });
    expect(alpine!.OpportunityLineItems).toMatchObject({ totalSize: 1, records: [{ Quantity: 20, Product2: { StockKeepingUnit: 'SUM45-BP-BLU' } }] });
    expect(northwind!.OpportunityContactRoles).toBeNull();
    expect(northwind!.OpportunityLineItems).toMatchObject({ records: [{ Product2: { StockKeepingUnit: null, ProductCode: 'CSM-100' } }] });
  });

  it('reach history rows: OrderItems and Histories on Order, Histories on Case', async () => {
    const order = await run(`SELECT OrderNumber, (SELECT Product2.Name FROM OrderItems), (SELECT Field, OldValue, NewValue FROM Histories WHERE Field = 'Status' ORDER BY CreatedDate) FROM Order WHERE OrderNumber = '00000104'`);
    expect(order.records[0]!.Histories).toMatchObject({
      totalSize: 2,
      records: [{ OldValue: 'Draft', NewValue: 'Activated' }, { OldValue: 'Activated', NewValue: 'Shipped' }],
    });
    expect((order.records[0]!.OrderItems as QueryPage).totalSize).toBe(2);
    const kase = await run(`SELECT CaseNumber, (SELECT NewValue FROM Histories WHERE Field = 'Status' ORDER BY CreatedDate DESC LIMIT 1) FROM Case WHERE Id = '${SF.cases.reclosed.id}'`);
    expect(kase.records[0]!.Histories).toMatchObject({ records: [{ NewValue: 'Closed' }] });
  });
});

describe('semi-joins', () => {
  it('combine with child subqueries: Opportunities that entered Closed Won since a date, with contacts, products and history', async () => {
    const page = await run(`
      SELECT Id, Name, StageName,
        (SELECT ContactId, Contact.Email FROM OpportunityContactRoles WHERE IsPrimary = true),
        (SELECT Product2.StockKeepingUnit FROM OpportunityLineItems),
        (SELECT CreatedDate FROM OpportunityHistories WHERE StageName = 'Closed Won' ORDER BY CreatedDate DESC)
      FROM Opportunity
      WHERE Id IN (SELECT OpportunityId FROM OpportunityHistory WHERE StageName = 'Closed Won' AND CreatedDate >= 2026-11-17T00:00:00Z)
      ORDER BY LastStageChangeDate DESC`);
    expect(page.records.map((r) => r.Id)).toEqual([O.reclosed.id, O.closedWon.id, O.noContactRole.id]);
    const [reclosed] = page.records;
    // Closed Won, back to Negotiation/Review, Closed Won again: two history rows at Closed Won.
    expect(reclosed!.OpportunityHistories).toMatchObject({
      totalSize: 2,
      records: [{ CreatedDate: '2026-11-19T12:00:00.000+0000' }, { CreatedDate: '2026-11-14T12:00:00.000+0000' }],
    });
    expect(page.records[2]!.OpportunityContactRoles).toBeNull();
  });

  it('NOT IN gives the anti-join', async () => {
    expect(await names(`SELECT Name FROM Opportunity WHERE Id NOT IN (SELECT OpportunityId FROM OpportunityHistory WHERE StageName = 'Closed Won') ORDER BY Name`)).toEqual([
      O.negotiation.name, O.closedLost.name, O.prospecting.name,
    ]);
  });

  it('work on Orders through OrderHistory (NewValue cannot be filtered, so every Status change counts)', async () => {
    const soql = (filter: string) =>
      `SELECT OrderNumber FROM Order WHERE Id IN (SELECT OrderId FROM OrderHistory WHERE Field = 'Status' ${filter}AND CreatedDate >= 2026-11-16T00:00:00Z) ORDER BY OrderNumber`;
    expect(await names(soql(''))).toEqual(['00000101', '00000102', '00000104']);
    expect((await error(soql("AND NewValue = 'Activated' "))).message).toBe("field 'NewValue' can not be filtered in a query call");
  });

  it('must select an id', async () => {
    expect((await error(`SELECT Id FROM Opportunity WHERE Id IN (SELECT StageName FROM OpportunityHistory)`)).errorCode).toBe('MALFORMED_QUERY');
  });
});

describe('WHERE', () => {
  it('compares numbers with = != < <= > >=, leaving nulls out of range comparisons', async () => {
    expect(await names('SELECT Name FROM Opportunity WHERE Amount > 5496 ORDER BY Amount')).toEqual([O.closedWon.name, O.negotiation.name]);
    expect(await names('SELECT Name FROM Opportunity WHERE Amount >= 5496 ORDER BY Amount')).toEqual([O.reclosed.name, O.closedWon.name, O.negotiation.name]);
    expect(await names('SELECT Name FROM Opportunity WHERE Amount < 3200')).toEqual([O.noContactRole.name]);
    expect(await names('SELECT Name FROM Opportunity WHERE Amount <= 3200 ORDER BY Amount')).toEqual([O.noContactRole.name, O.closedLost.name]);
    expect((await names('SELECT Name FROM Opportunity WHERE Amount != 1180')).length).toBe(5);
  });

  it('handles null, true and false', async () => {
    expect(await names('SELECT Name FROM Opportunity WHERE Amount = null')).toEqual([O.prospecting.name]);
    expect((await names('SELECT Name FROM Opportunity WHERE Amount != null')).length).toBe(5);
    expect((await names('SELECT Name FROM Opportunity WHERE IsWon = true')).length).toBe(3);
    expect((await names('SELECT Name FROM Opportunity WHERE IsClosed = false')).length).toBe(2);
    const web = await run('SELECT CaseNumber, SuppliedEmail, SuppliedName, Contact.Email FROM Case WHERE ContactId = null');
    expect(web.records).toEqual([
      expect.objectContaining({ CaseNumber: '00001027', SuppliedEmail: SF.webCustomer.email, SuppliedName: SF.webCustomer.name, Contact: null }),
    ]);
  });

  it('handles IN and NOT IN lists, case-insensitively like Salesforce', async () => {
    expect((await names("SELECT Name FROM Opportunity WHERE StageName IN ('closed won', 'Closed Lost')")).length).toBe(4);
    expect(await names("SELECT Name FROM Opportunity WHERE StageName NOT IN ('Closed Won', 'Closed Lost') ORDER BY Name")).toEqual([
      O.negotiation.name, O.prospecting.name,
    ]);
  });

  it('handles LIKE with % and _', async () => {
    expect(await names("SELECT Name FROM Opportunity WHERE Name LIKE 'alpine%' ORDER BY Name")).toEqual([O.closedWon.name, O.negotiation.name]);
    expect(await names("SELECT Name FROM Product2 WHERE ProductCode LIKE 'CSM-1_0'")).toEqual([SF.products.stove.name]);
  });

  it('honours AND, OR, NOT and parentheses', async () => {
    expect(
      await names("SELECT Name FROM Opportunity WHERE (StageName = 'Closed Won' AND Region__c = 'NA') OR (NOT IsClosed = true AND Amount > 10000) ORDER BY Name"),
    ).toEqual([O.negotiation.name, O.noContactRole.name, O.reclosed.name]);
    expect(await names("SELECT Name FROM Opportunity WHERE NOT (StageName = 'Closed Won' OR StageName = 'Closed Lost') ORDER BY Name")).toEqual([
      O.negotiation.name, O.prospecting.name,
    ]);
  });

  it('refuses AND and OR mixed without parentheses, as Salesforce does', async () => {
    expect((await error("SELECT Name FROM Opportunity WHERE StageName = 'Closed Won' OR Amount > 1 AND IsWon = true")).errorCode).toBe('MALFORMED_QUERY');
  });

  it('compares dates, datetimes and date literals in UTC', async () => {
    expect(await names('SELECT Name FROM Opportunity WHERE CloseDate < 2026-11-18 ORDER BY CloseDate')).toEqual([O.closedLost.name, O.noContactRole.name]);
    expect(await names('SELECT OrderNumber FROM Order WHERE ActivatedDate > 2026-11-16T00:00:00Z ORDER BY OrderNumber')).toEqual(['00000101', '00000102']);
    expect(await names('SELECT OrderNumber FROM Order WHERE ActivatedDate > 2026-11-16T01:00:00+02:00 ORDER BY OrderNumber')).toEqual(['00000101', '00000102']);
    expect(await names('SELECT Name FROM Opportunity WHERE LastStageChangeDate = LAST_N_DAYS:2 ORDER BY Name')).toEqual([
      O.closedWon.name, O.negotiation.name, O.reclosed.name,
    ]);
    // LAST_N_DAYS:n includes today.
    expect(await names('SELECT CaseNumber FROM Case WHERE ClosedDate = LAST_N_DAYS:1 ORDER BY CaseNumber')).toEqual([
      SF.cases.closedWithContact.caseNumber, SF.cases.reclosed.caseNumber,
    ]);
    expect(await names('SELECT CaseNumber FROM Case WHERE ClosedDate = TODAY')).toEqual([SF.cases.reclosed.caseNumber]);
    expect(await names('SELECT CaseNumber FROM Case WHERE ClosedDate = YESTERDAY')).toEqual([SF.cases.closedWithContact.caseNumber]);
  });

  it('refuses a quoted boolean, a datetime field compared with a date, and a long text area', async () => {
    expect(await error("SELECT Id FROM Opportunity WHERE IsWon = 'true'")).toMatchObject({ errorCode: 'INVALID_FIELD' });
    expect(await error('SELECT Id FROM Opportunity WHERE LastStageChangeDate > 2026-11-01')).toMatchObject({ errorCode: 'INVALID_FIELD' });
    expect(await error("SELECT Id FROM Task WHERE Description LIKE '%review%'")).toMatchObject({
      errorCode: 'INVALID_FIELD',
      message: "field 'Description' can not be filtered in a query call",
    });
  });
});

describe('string literals', () => {
  it('treat an escaped injection attempt as one literal string', async () => {
    const stage = "x' OR Name != '";
    const escaped = stage.replace(/\\/g, '\\\\').replace(/'/g, "\\'");
    expect((await run(`SELECT Id FROM Opportunity WHERE StageName = '${escaped}'`)).totalSize).toBe(0);
    // The same text unescaped would have matched every Opportunity: the evaluator tells the two apart.
    expect((await run(`SELECT Id FROM Opportunity WHERE StageName = '${stage}'`)).totalSize).toBe(6);

    // And the literal does match a record holding exactly that text.
    const created = await postJson(`${sb.urls.salesforce}/services/data/v66.0/sobjects/Task`, token, { Subject: stage, WhatId: O.closedWon.id });
    const { id } = (await created.json()) as { id: string };
    const hit = await run(`SELECT Id, Subject FROM Task WHERE Subject = '${escaped}'`);
    expect(hit.records).toEqual([expect.objectContaining({ Id: id, Subject: stage })]);
  });

  it('decode \\\\ as one backslash', async () => {
    const subject = 'C:\\reviews\\';
    await postJson(`${sb.urls.salesforce}/services/data/v66.0/sobjects/Task`, token, { Subject: subject });
    const escaped = subject.replace(/\\/g, '\\\\');
    expect((await run(`SELECT Subject FROM Task WHERE Subject = '${escaped}'`)).records).toEqual([expect.objectContaining({ Subject: subject })]);
  });
});

describe('ORDER BY, LIMIT, COUNT()', () => {
  it('sorts on several fields, nulls first by default and last on request', async () => {
    expect(await names('SELECT Name FROM Opportunity ORDER BY Region__c NULLS FIRST, Amount DESC')).toEqual([
      O.prospecting.name, O.negotiation.name, O.closedWon.name, O.closedLost.name, O.reclosed.name, O.noContactRole.name,
    ]);
    expect((await names('SELECT Name FROM Opportunity ORDER BY Amount DESC'))[0]).toBe(O.prospecting.name);
    expect((await names('SELECT Name FROM Opportunity ORDER BY Amount DESC NULLS LAST'))[5]).toBe(O.prospecting.name);
  });

  it('applies LIMIT and OFFSET after sorting', async () => {
    expect(await names('SELECT Name FROM Opportunity ORDER BY Amount ASC NULLS LAST LIMIT 2 OFFSET 1')).toEqual([O.closedLost.name, O.reclosed.name]);
  });

  it('counts with COUNT()', async () => {
    expect(await run('SELECT COUNT() FROM Case WHERE IsClosed = true')).toEqual({ totalSize: 3, done: true, records: [] });
  });

  it('reads the status objects', async () => {
    const stages = await run('SELECT ApiName, IsClosed, IsWon FROM OpportunityStage WHERE IsActive = true ORDER BY SortOrder');
    expect(stages.totalSize).toBe(10);
    expect(stages.records.filter((s) => s.IsWon).map((s) => s.ApiName)).toEqual(['Closed Won']);
    expect(await names("SELECT ApiName FROM OrderStatus WHERE StatusCode = 'Activated' ORDER BY SortOrder")).toEqual(['Activated', 'Shipped']);
    expect(await names('SELECT ApiName FROM CaseStatus WHERE IsClosed = true')).toEqual(['Closed']);
  });
});

describe('errors', () => {
  it('INVALID_TYPE for an unknown object', async () => {
    expect(await error('SELECT Id FROM Opportunities')).toMatchObject({
      errorCode: 'INVALID_TYPE',
      message: expect.stringContaining("sObject type 'Opportunities' is not supported."),
    });
  });

  it('INVALID_FIELD naming the field and the object, with the caret line', async () => {
    const e = await error('SELECT Id, Region__x FROM Opportunity');
    expect(e.errorCode).toBe('INVALID_FIELD');
    expect(e.message).toContain("No such column 'Region__x' on entity 'Opportunity'.");
    expect(e.message).toContain('ERROR at Row:1:Column:12');
    expect(await error("SELECT Id FROM Opportunity WHERE Account.Nmae = 'x'")).toMatchObject({
      errorCode: 'INVALID_FIELD',
      message: expect.stringContaining("No such column 'Nmae' on entity 'Account'"),
    });
    expect(await error('SELECT Id, Acount.Name FROM Opportunity')).toMatchObject({
      errorCode: 'INVALID_FIELD',
      message: expect.stringContaining("Didn't understand relationship 'Acount'"),
    });
    expect(await error('SELECT Id, (SELECT Id FROM ContactRoles) FROM Opportunity')).toMatchObject({ errorCode: 'INVALID_TYPE' });
  });

  it('MALFORMED_QUERY for what cannot be parsed or evaluated', async () => {
    expect((await error('SELEC Id FROM Opportunity')).errorCode).toBe('MALFORMED_QUERY');
    expect((await error("SELECT Id FROM Opportunity WHERE Name = 'unterminated")).errorCode).toBe('MALFORMED_QUERY');
    expect((await error('SELECT StageName, COUNT(Id) FROM Opportunity GROUP BY StageName')).errorCode).toBe('MALFORMED_QUERY');
  });
});

describe('paging', () => {
  let small: Sandbox;
  let smallToken: string;
  beforeAll(async () => {
    small = await startSandbox({ clock, salesforceBatchSize: 2 });
    smallToken = await salesforceToken(small);
  });
  afterAll(() => small.close());

  it('follows nextRecordsUrl until done', async () => {
    const seen: unknown[] = [];
    let page = (await records(small, smallToken, 'SELECT Id FROM Opportunity ORDER BY Name')) as QueryPage;
    const urls: string[] = [];
    for (;;) {
      expect(page.totalSize).toBe(6);
      seen.push(...page.records.map((r) => r.Id));
      if (page.done) break;
      expect(page.records).toHaveLength(2);
      expect(page.nextRecordsUrl).toMatch(/^\/services\/data\/v66\.0\/query\/01g[A-Za-z0-9]{15}-\d+$/);
      urls.push(page.nextRecordsUrl!);
      page = (await (await fetch(`${small.urls.salesforce}${page.nextRecordsUrl}`, { headers: bearer(smallToken) })).json()) as QueryPage;
    }
    expect(urls).toHaveLength(2);
    expect(page.nextRecordsUrl).toBeUndefined();
    expect(new Set(seen).size).toBe(6);
    expect(small.state.calls['GET /services/data/:version/query/:locator']).toBe(2);
  });

  it('refuses an unknown locator', async () => {
    const res = await fetch(`${small.urls.salesforce}/services/data/v66.0/query/01g000000000000AAA-2`, { headers: bearer(smallToken) });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { errorCode: string }[])[0]!.errorCode).toBe('INVALID_QUERY_LOCATOR');
  });
});
