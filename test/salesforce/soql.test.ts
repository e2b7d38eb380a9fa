import {
  compileSoql,
  contains,
  dateTime,
  escapeSoqlString,
  isApiName,
  isFieldPath,
  isSalesforceId,
  SoqlError,
  toId18,
  where,
} from '../../src/salesforce/soql';
import { recordUrl } from '../../src/salesforce/record-url';
import { flattenWhere, parseSoql, unquote } from '../helpers/salesforce';

describe('SOQL literals', () => {
  it.each([
    ['plain', 'Closed Won', "'Closed Won'"],
    ['a quote', "O'Brien", "'O\\'Brien'"],
    ['a backslash before the quote', "x\\' OR Name != '", "'x\\\\\\' OR Name != \\''"],
    ['a trailing backslash', 'Won\\', "'Won\\\\'"],
    ['line breaks and tabs', 'a\nb\r\tc', "'a\\nb\\r\\tc'"],
  ])('escapes %s, and a real parser reads back the same value', (_, value, expected) => {
    const soql = compileSoql({ select: ['Id'], from: 'Opportunity', where: [where.eq('StageName', value)] });
    expect(soql).toBe(`SELECT Id FROM Opportunity WHERE StageName = ${expected}`);
    const { conditions, operators } = flattenWhere(parseSoql(soql).where);
    expect(operators).toEqual([]);
    expect(conditions).toHaveLength(1);
    expect(unquote(conditions[0]!.value as string)).toBe(value);
  });

  it('escapes the backslash before anything else', () => {
    expect(escapeSoqlString("\\'")).toBe("\\\\\\'");
  });

  it('writes dateTimes unquoted in UTC, and booleans, numbers and null as SOQL keywords', () => {
    const soql = compileSoql({
      select: ['Id'],
      from: 'Case',
      where: [where.gte('ClosedDate', dateTime(new Date('2026-10-25T12:00:00.789Z'))), where.eq('IsClosed', false), where.eq('Amount', 12.5), where.eq('ContactId', null)],
    });
    expect(soql).toBe('SELECT Id FROM Case WHERE ClosedDate >= 2026-10-25T12:00:00Z AND IsClosed = FALSE AND Amount = 12.5 AND ContactId = NULL');
    expect(() => parseSoql(soql)).not.toThrow();
  });

  it('escapes LIKE wildcards in contains()', () => {
    const soql = compileSoql({ select: ['Id'], from: 'Task', where: [where.like('Subject', contains("[review 50%_off']"))] });
    expect(soql).toBe("SELECT Id FROM Task WHERE Subject LIKE '%[review 50\\%\\_off\\']%'");
    expect(() => parseSoql(soql)).not.toThrow();
  });
});

describe('SOQL names', () => {
  it.each(['StageName', 'Region__c', 'tp__Rating__c', 'Owner__r', 'Product2'])('accepts the API name %s', (name) => expect(isApiName(name)).toBe(true));

  it.each(['', 'Region c', '1Field', 'Field_', 'A___b', "Name'", 'Name)', 'Name--', 'Ünicode__c', 'x'.repeat(81)])('rejects %p', (name) =>
    expect(isApiName(name)).toBe(false),
  );

  it('accepts child-to-parent paths up to five names deep', () => {
    expect(isFieldPath('Account.Owner.Manager.Region__c')).toBe(true);
    expect(isFieldPath('A.B.C.D.E')).toBe(true);
    expect(isFieldPath('A.B.C.D.E.F')).toBe(false);
    expect(isFieldPath('Account..Name')).toBe(false);
    expect(isFieldPath('Account.')).toBe(false);
  });

  it('refuses to compile a query with a bad name anywhere', () => {
    expect(() => compileSoql({ select: ['Id', 'Name FROM User'], from: 'Opportunity' })).toThrow(SoqlError);
    expect(() => compileSoql({ select: ['Id'], from: 'Opportunity WHERE' })).toThrow(SoqlError);
    expect(() => compileSoql({ select: ['Id'], from: 'Case', orderBy: [{ field: 'Id; DROP' }] })).toThrow(SoqlError);
    expect(() => compileSoql({ select: ['Id'], from: 'Case', where: [where.eq("Status' OR", 'x')] })).toThrow(SoqlError);
    expect(() => compileSoql({ select: ['Id'], from: 'Case', limit: 0 })).toThrow(SoqlError);
  });

  it('drops duplicate fields, which SOQL refuses, whatever their case', () => {
    expect(compileSoql({ select: ['Id', 'Name', 'account.name', 'Account.Name', 'id'], from: 'Opportunity' })).toBe('SELECT Id, Name, account.name FROM Opportunity');
  });

  it('composes subqueries, semi-joins, OR groups, ORDER BY and LIMIT into SOQL a parser accepts', () => {
    const soql = compileSoql({
      select: ['Id', { select: ['Id'], from: 'Tasks', where: [where.like('Subject', contains('x'))], limit: 1 }],
      from: 'Case',
      where: [
        where.in('Id', { select: ['CaseId'], from: 'CaseHistory', where: [where.eq('Field', 'Status')] }),
        where.any(where.eq('IsClosed', false), where.gte('ClosedDate', dateTime(new Date('2026-10-25T12:00:00Z')))),
      ],
      orderBy: [
        { field: 'SortOrder', direction: 'ASC', nulls: 'LAST' },
        { field: 'Id', direction: 'DESC' },
      ],
      limit: 2000,
    });
    expect(soql).toBe(
      "SELECT Id, (SELECT Id FROM Tasks WHERE Subject LIKE '%x%' LIMIT 1) FROM Case " +
        "WHERE Id IN (SELECT CaseId FROM CaseHistory WHERE Field = 'Status') AND (IsClosed = FALSE OR ClosedDate >= 2026-10-25T12:00:00Z) " +
        'ORDER BY SortOrder ASC NULLS LAST, Id DESC LIMIT 2000',
    );
    expect(parseSoql(soql).limit).toBe(2000);
  });
});

describe('Salesforce ids', () => {
  it('accepts 15-character ids and 18-character ids whose checksum matches', () => {
    expect(isSalesforceId('0065g00000XyZ12')).toBe(true);
    expect(isSalesforceId('0065g00000XyZ12AAF')).toBe(true);
    expect(isSalesforceId('0065g00000XyZ12aaf')).toBe(true); // the suffix is case-insensitive
    expect(toId18('0065g00000XyZ12')).toBe('0065g00000XyZ12AAF');
  });

  it.each(['0065g00000XyZ12AAA', '0065g00000XyZ1', '0065g00000XyZ12A', "0065g00000XyZ1'", '00000107', ''])('rejects %p', (id) =>
    expect(isSalesforceId(id)).toBe(false),
  );
});

describe('record URLs', () => {
  it('links My Domain orgs and sandboxes to Lightning', () => {
    expect(recordUrl('https://acme.my.salesforce.com', 'Opportunity', '0065g00000XyZ12AAF')).toBe(
      'https://acme.lightning.force.com/lightning/r/Opportunity/0065g00000XyZ12AAF/view',
    );
    expect(recordUrl('https://acme--uat.sandbox.my.salesforce.com/', 'Case', '5005g00000Cs3ZyAAJ')).toBe(
      'https://acme--uat.sandbox.lightning.force.com/lightning/r/Case/5005g00000Cs3ZyAAJ/view',
    );
  });

  it('falls back to <instance>/<id> for other hosts (an instance host, the local sandbox)', () => {
    expect(recordUrl('https://na139.salesforce.com', 'Order', '8015g000000Lk9PAAS')).toBe('https://na139.salesforce.com/8015g000000Lk9PAAS');
    expect(recordUrl('http://127.0.0.1:4010', 'Order', '8015g000000Lk9PAAS')).toBe('http://127.0.0.1:4010/8015g000000Lk9PAAS');
  });
});
