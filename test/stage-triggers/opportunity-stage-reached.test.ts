import nock from 'nock';

import App from '../../index';
import { appTester, authData, caught, SALESFORCE_INSTANCE, SECRETS, SF_DATA, zapierError } from '../helpers';
import { opportunityPage } from '../fixtures/salesforce/generate';
import { fixture, flattenWhere, freezeClock, interceptQueries, NOW, parseSoql, unquote } from '../helpers/salesforce';
import { triggerFunction } from '../helpers/operations';

const trigger = App.triggers!.opportunity_stage_reached!;
const perform = triggerFunction('opportunity_stage_reached');

type Item = Record<string, unknown> & { id: string; entered_at: string };
const poll = (inputData: Record<string, unknown>, meta: Record<string, unknown> = {}, auth = authData) =>
  appTester(perform, { authData: auth, inputData, meta }) as Promise<Item[]>;

freezeClock();

describe('Opportunity Reached Stage: the query', () => {
  it('sends one SOQL query: semi-join on the stage history in the window, history, contact roles and line items as subqueries', async () => {
    const log = interceptQueries({ body: fixture('opportunity-stage-reached.json') });
    await poll({ stage: 'Closed Won', tag_fields: ['Region__c', 'Account.Industry'] });

    expect(log.calls).toBe(1);
    expect(log.soql[0]).toBe(
      'SELECT Id, Name, StageName, Amount, CloseDate, Account.Name, SystemModstamp, Region__c, Account.Industry, ' +
        '(SELECT Id, StageName, CreatedDate FROM OpportunityHistories ORDER BY CreatedDate DESC, Id DESC LIMIT 10), ' +
        '(SELECT ContactId, Role, IsPrimary, Contact.Email, Contact.FirstName, Contact.LastName, Contact.Name FROM OpportunityContactRoles ORDER BY IsPrimary DESC, CreatedDate ASC), ' +
        '(SELECT Product2.StockKeepingUnit, Product2.ProductCode FROM OpportunityLineItems) ' +
        "FROM Opportunity WHERE Id IN (SELECT OpportunityId FROM OpportunityHistory WHERE StageName = 'Closed Won' AND CreatedDate >= 2026-10-25T12:00:00Z) " +
        'ORDER BY SystemModstamp DESC LIMIT 2000',
    );
    // Valid SOQL for a real parser, with the relationship names Salesforce uses.
    const parsed = parseSoql(log.soql[0]!);
    expect(parsed.sObject).toBe('Opportunity');
    const subqueries = parsed.fields!.filter((f) => f.type === 'FieldSubquery').map((f) => (f as { subquery: { relationshipName: string } }).subquery.relationshipName);
    expect(subqueries).toEqual(['OpportunityHistories', 'OpportunityContactRoles', 'OpportunityLineItems']);
  });

  it('looks back 90 days when the Zap editor loads samples', async () => {
    const log = interceptQueries({ body: { totalSize: 0, done: true, records: [] } });
    await poll({ stage: 'Closed Won' }, { isLoadingSample: true });
    expect(log.soql[0]).toContain('CreatedDate >= 2026-08-03T12:00:00Z');
  });

  it('keeps an injected stage inside its literal: it selects that literal stage and nothing else', async () => {
    const stage = "x\\' OR Name != '";
    const log = interceptQueries({ body: { totalSize: 0, done: true, records: [] } });
    await poll({ stage });

    const parsed = parseSoql(log.soql[0]!);
    const semiJoin = flattenWhere(parsed.where);
    expect(semiJoin.conditions).toHaveLength(1); // no OR smuggled into the outer WHERE
    const inner = flattenWhere((semiJoin.conditions[0] as { valueQuery: { where: Parameters<typeof flattenWhere>[0] } }).valueQuery.where);
    expect(inner.operators).toEqual(['AND']);
    expect(inner.conditions.map((c) => c.field)).toEqual(['StageName', 'CreatedDate']);
    expect(unquote(inner.conditions[0]!.value as string)).toBe(stage);
    expect(log.soql[0]).toContain("StageName = 'x\\\\\\' OR Name != \\''");
  });

  it('escapes a trailing backslash, which jsforce’s own builder would let out of the literal', async () => {
    const log = interceptQueries({ body: { totalSize: 0, done: true, records: [] } });
    await poll({ stage: 'Won\\' });
    const inner = flattenWhere((flattenWhere(parseSoql(log.soql[0]!).where).conditions[0] as { valueQuery: { where: Parameters<typeof flattenWhere>[0] } }).valueQuery.where);
    expect(unquote(inner.conditions[0]!.value as string)).toBe('Won\\');
  });

  it('rejects a Tag Field that is not an API name before any call', async () => {
    const err = zapierError(await caught(() => poll({ stage: 'Closed Won', tag_fields: ['Region__c', "Name) FROM User WHERE Name != '"] })));
    expect(err.code).toBe('invalid_input');
    expect(err.message).toMatch(/^Tag Fields: "Name\) FROM User WHERE Name != '" is not a field API name/);
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('requires a stage before any call', async () => {
    const err = zapierError(await caught(() => poll({ stage: '  ' })));
    expect(err).toMatchObject({ code: 'invalid_input' });
    expect(err.message).toMatch(/^Stage: choose a value/);
  });
});

describe('Opportunity Reached Stage: which entries fire', () => {
  const run = async (inputData: Record<string, unknown> = { stage: 'Closed Won' }) => {
    interceptQueries({ body: fixture('opportunity-stage-reached.json') });
    return poll(inputData);
  };

  it('emits one item per entry into the stage, keyed by the history row, newest first', async () => {
    const items = await run();
    expect(items.map((i) => [i.id, i.record_id, i.entered_at])).toEqual([
      ['0085g00000HstA0002', '0065g00000OppAAAA1', '2026-10-31T10:00:00.000Z'],
      ['0085g00000HstB0004', '0065g00000OppBBBB2', '2026-10-30T15:00:00.000Z'],
      ['0085g00000HstC0001', '0065g00000OppCCCC3', '2026-10-29T08:30:00.000Z'],
      ['0085g00000HstE0002', '0065g00000OppEEEE5', '2026-10-27T16:45:00.000Z'],
      ['0085g00000HstB0002', '0065g00000OppBBBB2', '2026-10-26T14:00:00.000Z'],
    ]);
  });

  it('fires again when a record leaves the stage and comes back (two entries, two ids)', async () => {
    const items = await run();
    expect(items.filter((i) => i.record_id === '0065g00000OppBBBB2').map((i) => i.id)).toEqual(['0085g00000HstB0004', '0085g00000HstB0002']);
  });

  it('does not fire for edits made while in the stage (an Amount change writes a history row with the same stage)', async () => {
    const ids = (await run()).map((i) => i.id);
    expect(ids).not.toContain('0085g00000HstA0003'); // Amount edit after entering
    expect(ids).not.toContain('0085g00000HstD0002'); // entered before the window, edited inside it
    expect(ids.filter((id) => id.startsWith('0085g00000HstD'))).toEqual([]);
  });

  it('counts the creation row as an entry when the whole history is known', async () => {
    const items = await run();
    expect(items.find((i) => i.record_id === '0065g00000OppCCCC3')).toMatchObject({ id: '0085g00000HstC0001', stage: 'Closed Won' });
  });

  it('does not count a row whose predecessor was not fetched (the 10th of 10)', async () => {
    const base = Date.parse('2026-10-31T00:00:00Z');
    const rows = Array.from({ length: 10 }, (_, i) => ({
      Id: `0085g00000HstZ00${i}`,
      StageName: 'Closed Won',
      CreatedDate: new Date(base - i * 3_600_000).toISOString().replace('Z', '+0000'),
    }));
    const page = fixture<{ records: Array<Record<string, unknown>> }>('opportunity-stage-reached.json');
    page.records = [{ ...page.records[0], Id: '0065g00000OppZZZZ9', OpportunityHistories: { totalSize: 10, done: true, records: rows } }];
    interceptQueries({ body: page });
    expect(await poll({ stage: 'Closed Won' })).toEqual([]);
  });

  it('emits the stage entered, and the marketer-facing fields', async () => {
    const [first] = await run({ stage: 'Closed Won', tag_fields: 'Region__c, Account.Industry' });
    expect(first).toEqual({
      id: '0085g00000HstA0002',
      entered_at: '2026-10-31T10:00:00.000Z',
      record_id: '0065g00000OppAAAA1',
      record_type: 'Opportunity',
      name: 'Northwind Outfitters – 40 Trail Tents',
      stage: 'Closed Won',
      recipient_email: 'jane.doe@northwind.example',
      recipient_first_name: 'Jane',
      recipient_last_name: 'Doe',
      recipient_name: 'Jane Doe',
      recipient_contact_id: '0035g00000JaneDoe1',
      recipient_role: 'Decision Maker',
      recipient_missing_reason: '',
      product_skus: ['TENT-2P-GRN', 'STOVE-MINI'],
      tags: ['EMEA', 'Retail'],
      reference_number: '0065g00000OppAAAA1',
      record_url: 'https://acme.lightning.force.com/lightning/r/Opportunity/0065g00000OppAAAA1/view',
      amount: 12500,
      close_date: '2026-10-31',
      account_name: 'Northwind Outfitters',
    });
    // The output fields and the sample promise the same keys the trigger emits.
    expect(Object.keys(first!).sort()).toEqual(trigger.operation.outputFields!.map((f) => (f as { key: string }).key).sort());
    expect(Object.keys(trigger.operation.sample!).sort()).toEqual(Object.keys(first!).sort());
  });

  it('splits a multi-select picklist into one tag per value', async () => {
    const items = await run({ stage: 'Closed Won', tag_fields: ['region__c'] });
    expect(items.find((i) => i.record_id === '0065g00000OppBBBB2')!.tags).toEqual(['Hiking', 'Camping']);
    expect(items.find((i) => i.record_id === '0065g00000OppCCCC3')!.tags).toEqual([]);
  });
});

describe('Opportunity Reached Stage: the recipient', () => {
  const byRecord = async (inputData: Record<string, unknown>) => {
    interceptQueries({ body: fixture('opportunity-stage-reached.json') });
    const items = await poll(inputData);
    return (recordId: string) => items.find((i) => i.record_id === recordId)!;
  };

  it('invites the primary contact by default', async () => {
    const item = await byRecord({ stage: 'Closed Won' });
    expect(item('0065g00000OppAAAA1')).toMatchObject({ recipient_email: 'jane.doe@northwind.example', recipient_contact_id: '0035g00000JaneDoe1' });
  });

  it('invites the contact with the chosen role instead', async () => {
    const item = await byRecord({ stage: 'Closed Won', recipient_role: 'Economic Buyer' });
    expect(item('0065g00000OppAAAA1')).toMatchObject({
      recipient_email: 'tom.baker@northwind.example',
      recipient_name: 'Tom Baker',
      recipient_role: 'Economic Buyer',
      recipient_missing_reason: '',
    });
  });

  it('still emits records without a usable email, saying why (never silently dropped)', async () => {
    const item = await byRecord({ stage: 'Closed Won' });
    expect(item('0065g00000OppBBBB2')).toMatchObject({
      recipient_email: '',
      recipient_name: 'Anna Lee',
      recipient_contact_id: '0035g00000AnnaLee1',
      recipient_missing_reason: 'The primary contact Anna Lee has no email address.',
    });
    expect(item('0065g00000OppCCCC3')).toMatchObject({ recipient_email: '', recipient_missing_reason: 'The opportunity has no contact roles.' });
    expect(item('0065g00000OppEEEE5')).toMatchObject({
      recipient_email: '',
      recipient_contact_id: '0035g00000GoneAwy1',
      recipient_missing_reason: 'The primary contact (0035g00000GoneAwy1) was deleted or is not visible to the connected Salesforce user.',
    });
  });

  it('says so when no contact has the chosen role', async () => {
    const item = await byRecord({ stage: 'Closed Won', recipient_role: 'Economic Buyer' });
    expect(item('0065g00000OppBBBB2')).toMatchObject({
      recipient_email: '',
      recipient_role: 'Economic Buyer',
      recipient_missing_reason: 'No contact on the opportunity has the role “Economic Buyer”.',
    });
  });
});

describe('Opportunity Reached Stage: one API call per poll', () => {
  it.each([1, 100, 2000])('costs exactly one call with %i matching opportunities', async (count) => {
    const log = interceptQueries({ body: opportunityPage(count, NOW - 60_000) });
    const items = await poll({ stage: 'Closed Won' });

    expect(log.calls).toBe(1);
    expect(items).toHaveLength(Math.min(count, 100));
    expect(new Set(items.map((i) => i.id)).size).toBe(items.length);
    const times = items.map((i) => i.entered_at);
    expect([...times].sort().reverse()).toEqual(times);
    expect(items[0]).toMatchObject({ recipient_email: 'alex.morgan+000000@customer0.example', product_skus: ['TENT-2P-GRN', 'ACC-0'] });
  });

  it('does not follow nextRecordsUrl: the first page holds the newest entries', async () => {
    const log = interceptQueries({ body: opportunityPage(2000, NOW - 60_000, { done: false }) });
    const items = await poll({ stage: 'Closed Won' });
    expect(log.calls).toBe(1);
    expect(items).toHaveLength(100);
  });

  it('returns every entry of the batch when the Zap is turned on, to seed Zapier’s dedupe', async () => {
    const log = interceptQueries({ body: opportunityPage(2000, NOW - 60_000) });
    const items = await poll({ stage: 'Closed Won' }, { isPopulatingDedupe: true });
    expect(log.calls).toBe(1);
    expect(items).toHaveLength(2000);
  });
});

describe('Opportunity Reached Stage: Salesforce errors', () => {
  it('turns INVALID_FIELD into a sentence that names the field and the input to fix', async () => {
    nock(SALESFORCE_INSTANCE)
      .get(`${SF_DATA}/query`)
      .query(true)
      .reply(400, [
        {
          message:
            "\nSELECT Id, Name, StageName, Amount, CloseDate, Account.Name, SystemModstamp, Region__c\n                                                                ^\nERROR at Row:1:Column:65\nNo such column 'Region__c' on entity 'Opportunity'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.",
          errorCode: 'INVALID_FIELD',
        },
      ]);
    const err = zapierError(await caught(() => poll({ stage: 'Closed Won', tag_fields: ['Region__c'] })));
    expect(err.code).toBe('INVALID_FIELD');
    expect(err.message).toBe(
      'Salesforce says field `Region__c` does not exist on Opportunity (or the connected Salesforce user cannot see it) (INVALID_FIELD), ' +
        'so we could not read the opportunities that reached “Closed Won”. Check the Tag Fields.',
    );
  });

  it('explains a missing permission', async () => {
    nock(SALESFORCE_INSTANCE)
      .get(`${SF_DATA}/query`)
      .query(true)
      .reply(403, [{ message: 'The REST API is not enabled for this Organization.', errorCode: 'API_DISABLED_FOR_ORG' }]);
    const err = zapierError(await caught(() => poll({ stage: 'Closed Won' })));
    expect(err.message).toMatch(/^Salesforce refused to read the opportunities that reached “Closed Won”: The REST API is not enabled/);
    expect(err.message).toMatch(/"API Enabled" permission/);
  });

  it('turns an expired session (401) into RefreshAuthError, and the run with the renewed session succeeds', async () => {
    const renewed = { ...authData, salesforce_access_token: '00D5g000004SRQd!renewed-session' };
    nock(SALESFORCE_INSTANCE)
      .get(`${SF_DATA}/query`)
      .query(true)
      .matchHeader('authorization', `Bearer ${authData.salesforce_access_token}`)
      .reply(401, [{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }]);
    const err = await caught(() => poll({ stage: 'Closed Won' }));
    expect(err.name).toBe('RefreshAuthError');
    for (const secret of SECRETS) expect(err.message).not.toContain(secret);

    const scope = nock(SALESFORCE_INSTANCE)
      .get(`${SF_DATA}/query`)
      .query(true)
      .matchHeader('authorization', 'Bearer 00D5g000004SRQd!renewed-session')
      .reply(200, fixture('opportunity-stage-reached.json'));
    const items = await poll({ stage: 'Closed Won' }, {}, renewed);
    expect(items).toHaveLength(5);
    expect(scope.isDone()).toBe(true);
  });
});
