/** Inputs checked before any call, and Salesforce refusals turned into sentences, for the three stage/status triggers. */
import nock from 'nock';

import App from '../../index';
import { appTester, authData, caught, SALESFORCE_INSTANCE, SECRETS, SF_DATA, zapierError } from '../helpers';
import { freezeClock, interceptQueries } from '../helpers/salesforce';

const performOf = (key: 'opportunity_stage_reached' | 'order_status_reached' | 'case_status_reached') =>
  (App.triggers![key]!.operation as { perform: Parameters<typeof appTester>[0] }).perform;
const poll = (key: Parameters<typeof performOf>[0], inputData: Record<string, unknown>, auth = authData) =>
  appTester(performOf(key), { authData: auth, inputData }) as Promise<unknown[]>;
const empty = { body: { totalSize: 0, done: true, records: [] } };

freezeClock();
// An end-to-end file run earlier in this worker restores the real network (nock.restore()); intercept again.
beforeAll(() => {
  nock.restore();
  nock.activate();
  nock.disableNetConnect();
});
afterEach(() => nock.cleanAll());

describe('inputs, before any call', () => {
  it('rejects a Tag Field that is not an API name', async () => {
    const log = interceptQueries(empty);
    const err = zapierError(await caught(() => poll('opportunity_stage_reached', { stage: 'Closed Won', tag_fields: ['Region__c', "Name) FROM User WHERE Name != '"] })));
    expect(err.code).toBe('invalid_input');
    expect(err.message).toMatch(/^Tag Fields: "Name\) FROM User WHERE Name != '" is not a field API name/);
    expect(log.calls).toBe(0);
  });

  it('rejects a Tag Field path longer than the history query can reach (4 names)', async () => {
    const log = interceptQueries(empty);
    const err = zapierError(await caught(() => poll('case_status_reached', { status: 'Closed', tag_fields: ['Account.Owner.Manager.Manager.Name'] })));
    expect(err.message).toMatch(/^Tag Fields: "Account\.Owner\.Manager\.Manager\.Name" is not a field API name.*at most 4 names/);
    expect(log.calls).toBe(0);
  });

  it('requires a stage', async () => {
    const err = zapierError(await caught(() => poll('opportunity_stage_reached', { stage: '  ' })));
    expect(err).toMatchObject({ code: 'invalid_input' });
    expect(err.message).toMatch(/^Stage: choose a value/);
  });

  it.each([
    ['order_status_reached', { status: 'Activated', history_tracking: 'maybe' }, 'Status History Tracking Is On: "maybe" is not yes or no.'],
    ['case_status_reached', { status: 'Closed', tag_fields: { value: 'Region__c' } }, 'Tag Fields: must be a list of fields or comma-separated text, not a group of fields.'],
    ['case_status_reached', { status: 'Closed\u0000' }, 'Status: must be one line: it contains a line break or another control character.'],
    ['opportunity_stage_reached', { stage: 'Closed Won', recipient_role: 'Decision\nMaker' }, 'Customer’s Contact Role: must be one line: it contains a line break or another control character.'],
    ['opportunity_stage_reached', { stage: 'Closed Won', tag_fields: 'Region__c\nIndustry' }, 'Tag Fields: "Region__c Industry" contains a line break or another control character.'],
  ] as const)('%s refuses %j before any call', async (key, inputData, message) => {
    const log = interceptQueries(empty);
    const err = zapierError(await caught(() => poll(key, inputData)));
    expect(err).toEqual({ code: 'invalid_input', message });
    expect(log.calls).toBe(0);
  });

  it('rejects an unknown recipient', async () => {
    const log = interceptQueries(empty);
    const err = zapierError(await caught(() => poll('order_status_reached', { status: 'Activated', recipient: 'sold_to' })));
    expect(err).toEqual({ code: 'invalid_input', message: 'Customer to Invite: "sold_to" is not one of bill_to, ship_to.' });
    expect(log.calls).toBe(0);
  });
});

describe('Salesforce refusals', () => {
  it('explains a missing permission', async () => {
    nock(SALESFORCE_INSTANCE)
      .get(`${SF_DATA}/query`)
      .query(true)
      .times(3)
      .reply(403, [{ message: 'The REST API is not enabled for this Organization.', errorCode: 'API_DISABLED_FOR_ORG' }]);
    const err = zapierError(await caught(() => poll('case_status_reached', { status: 'Closed', history_tracking: 'false' })));
    expect(err.message).toMatch(/^Salesforce refused to read the cases that reached “Closed”: The REST API is not enabled/);
    expect(err.message).toMatch(/"API Enabled" permission/);
  });

  it('suggests enabling Orders when the org does not have them', async () => {
    nock(SALESFORCE_INSTANCE)
      .get(`${SF_DATA}/query`)
      .query(true)
      .reply(400, [{ message: "sObject type 'Order' is not supported.", errorCode: 'INVALID_TYPE' }]);
    const err = zapierError(await caught(() => poll('order_status_reached', { status: 'Activated', history_tracking: 'false' })));
    expect(err.message).toMatch(/Orders may be turned off in this org: Setup → Order Settings → Enable Orders\.$/);
  });

  it('without access to the org’s metadata, a Yes is trusted and an empty answer takes the record dates', async () => {
    // The setup check travels with both variants of the first query in one composite request; the variant the
    // poll must not use is refused here, so a poll that picked it would fail.
    let refuse = /FROM Case WHERE/;
    const json = { 'content-type': 'application/json;charset=UTF-8' };
    const chosen: string[] = [];
    const answer = (q: string) =>
      q.includes('FROM FieldDefinition')
        ? { httpStatusCode: 400, body: [{ message: "sObject type 'FieldDefinition' is not supported.", errorCode: 'INVALID_TYPE' }] }
        : refuse.test(q)
          ? { httpStatusCode: 400, body: [{ message: 'the wrong variant', errorCode: 'INVALID_FIELD' }] }
          : { httpStatusCode: 200, body: { totalSize: 0, done: true, records: [] } };
    nock(SALESFORCE_INSTANCE)
      .post(`${SF_DATA}/composite`)
      .times(2)
      .optionally()
      .reply((_uri, body) => {
        const requests = (body as { compositeRequest: Array<{ url: string; referenceId: string }> }).compositeRequest;
        const compositeResponse = requests.map((r) => ({ ...answer(new URL(r.url, SALESFORCE_INSTANCE).searchParams.get('q') ?? ''), referenceId: r.referenceId, httpHeaders: {} }));
        return [200, JSON.stringify({ compositeResponse }), json];
      });
    nock(SALESFORCE_INSTANCE)
      .get(`${SF_DATA}/query`)
      .query(true)
      .optionally()
      .reply((uri) => {
        const q = new URL(uri, SALESFORCE_INSTANCE).searchParams.get('q') ?? '';
        chosen.push(q);
        const { httpStatusCode, body } = answer(q);
        return [httpStatusCode, JSON.stringify(body), json];
      });
    await expect(poll('case_status_reached', { status: 'Closed', history_tracking: 'true' })).resolves.toEqual([]);
    refuse = /FROM CaseHistory/;
    await expect(poll('case_status_reached', { status: 'Closed' })).resolves.toEqual([]);
    for (const q of chosen) expect(q).toMatch(/FROM Case WHERE/); // a plain query, if the refusal was remembered
  });

  it('turns an expired session (401) into RefreshAuthError without leaking secrets', async () => {
    const expired = [{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }];
    nock(SALESFORCE_INSTANCE).get(`${SF_DATA}/query`).query(true).optionally().reply(401, expired);
    nock(SALESFORCE_INSTANCE).post(`${SF_DATA}/composite`).optionally().reply(401, expired);
    const err = await caught(() => poll('opportunity_stage_reached', { stage: 'Closed Won' }));
    expect(err.name).toBe('RefreshAuthError');
    for (const secret of SECRETS) expect(err.message).not.toContain(secret);
  });
});
